package io.tidewater.schema.inference;

/** What decided whether the first row of a CSV file is a header, in the order the crawler consults the evidence. */
public enum HeaderEvidence {
    /** The caller gave the column list (S3 Inventory {@code fileSchema}, CUR manifest {@code columns}). */
    CALLER_COLUMNS,
    /** The first row was compared with the columns of the target table. */
    TABLE_COLUMNS,
    /** A typed column (number, boolean, date, timestamp) has a first value that does or does not fit its type. */
    TYPE_PROFILE,
    /** Most first-row values are well-known column names (S3 Inventory, CUR, FOCUS, common names). */
    KNOWN_NAMES,
    /** A first-row value repeats in its column or within the row, or is empty, which header names never are. */
    REPEATED_VALUES,
    /** The first row differs from the rest in shape: length, character classes, identifier-like names. */
    SHAPE_PROFILE,
    /** The format carries its own schema (Parquet, ORC, JSON Lines): there is no header row to detect. */
    NOT_APPLICABLE
}
