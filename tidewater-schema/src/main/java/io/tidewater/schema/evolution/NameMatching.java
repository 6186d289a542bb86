package io.tidewater.schema.evolution;

/** How incoming column names are matched to table columns. */
public enum NameMatching {
    /** {@code IsLatest} matches {@code islatest}, as Glue and Athena see it. The default. */
    CASE_INSENSITIVE,
    /** Names must match exactly; a name that differs only in case is rejected rather than added beside the other. */
    CASE_SENSITIVE
}
