package io.tidewater.bench.pipeline;

/** The formats S3 Inventory writes, as a manifest's {@code fileFormat} names them. */
enum InventoryFileFormat {
    CSV("CSV", ".csv.gz"),
    PARQUET("Parquet", ".parquet"),
    ORC("ORC", ".orc");

    private final String manifestName;
    private final String suffix;

    InventoryFileFormat(String manifestName, String suffix) {
        this.manifestName = manifestName;
        this.suffix = suffix;
    }

    String manifestName() {
        return manifestName;
    }

    String suffix() {
        return suffix;
    }
}
