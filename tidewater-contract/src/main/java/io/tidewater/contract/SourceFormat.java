package io.tidewater.contract;

/** The file formats a load job can read. */
public enum SourceFormat {
    CSV,
    PARQUET,
    ORC,
    JSON
}
