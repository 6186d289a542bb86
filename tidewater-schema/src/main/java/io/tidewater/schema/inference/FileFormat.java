package io.tidewater.schema.inference;

/** The data-file formats the crawler recognises. Gzip is a compression, not a format: a CSV.gz file is {@link #CSV}. */
public enum FileFormat {
    CSV,
    JSON_LINES,
    PARQUET,
    ORC
}
