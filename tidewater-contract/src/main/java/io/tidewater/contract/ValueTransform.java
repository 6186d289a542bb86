package io.tidewater.contract;

/** A conversion the loader applies to a column's raw value before it is typed. */
public enum ValueTransform {
    NONE,
    /** Form-URL-decoding, as S3 Inventory CSV keys need ({@code +} is a space). */
    URL_DECODE
}
