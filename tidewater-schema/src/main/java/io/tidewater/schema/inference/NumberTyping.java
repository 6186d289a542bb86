package io.tidewater.schema.inference;

/** How numeric text columns are typed. */
public enum NumberTyping {
    /**
     * Integers become {@code long} and fractions {@code double}, as Glue and Athena type CUR columns; the type then
     * does not change from file to file as values grow, which keeps schema evolution quiet.
     */
    STABLE,
    /**
     * The narrowest exact type: {@code int} or {@code long} by range, {@code decimal(p,s)} for fixed-point values up to
     * 38 digits, {@code double} only for exponents.
     */
    EXACT
}
