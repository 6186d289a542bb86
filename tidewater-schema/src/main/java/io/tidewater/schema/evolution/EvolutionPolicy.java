package io.tidewater.schema.evolution;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What to do when an incoming file's schema differs from the table's. The names follow Databricks Auto Loader's
 * {@code schemaEvolutionMode}. Under every policy a column missing from the file is kept (made optional when it was
 * required) and a value that does not fit is rescued or rejected, never silently lost.
 */
public enum EvolutionPolicy {
    /** Add new columns; values whose type conflicts with the table's are rescued into {@code _rescued_data}. */
    @JsonProperty("addNewColumns")
    ADD_NEW_COLUMNS,
    /** As {@link #ADD_NEW_COLUMNS}, and widen types where Iceberg allows it (int to long, float to double, decimal). */
    @JsonProperty("addNewColumnsWithWidening")
    ADD_NEW_COLUMNS_WITH_WIDENING,
    /** Never add data columns: new and conflicting columns are rescued into {@code _rescued_data}. */
    @JsonProperty("rescue")
    RESCUE,
    /** Reject the file when it has new or conflicting columns; other safe changes (make optional) still apply. */
    @JsonProperty("failOnNewColumns")
    FAIL_ON_NEW_COLUMNS,
    /** Never change the schema: every difference that needs a change rejects the file. */
    @JsonProperty("none")
    NONE
}
