package io.tidewater.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What to do when an incoming file's schema differs from the table's. The names follow Databricks Auto Loader's
 * {@code schemaEvolutionMode}, and a load job carries a policy by that name ({@code addNewColumns}, ...). Under every
 * policy a column missing from the file is kept (made optional when it was required) and a value that does not fit is
 * rescued or rejected, never silently lost.
 */
public enum EvolutionPolicy {
    /** Add new columns; values whose type conflicts with the table's are rescued into {@code _rescued_data}. */
    ADD_NEW_COLUMNS("addNewColumns"),
    /** As {@link #ADD_NEW_COLUMNS}, and widen types where Iceberg allows it (int to long, float to double, decimal). */
    ADD_NEW_COLUMNS_WITH_WIDENING("addNewColumnsWithWidening"),
    /** Never add data columns: new and conflicting columns are rescued into {@code _rescued_data}. */
    RESCUE("rescue"),
    /** Reject the file when it has new or conflicting columns; other safe changes (make optional) still apply. */
    FAIL_ON_NEW_COLUMNS("failOnNewColumns"),
    /** Never change the schema: every difference that needs a change rejects the file. */
    NONE("none");

    private final String policyName;

    EvolutionPolicy(String policyName) {
        this.policyName = policyName;
    }

    /** The name a load job and a service's configuration carry: {@code addNewColumns}, {@code rescue}, ... */
    @JsonValue
    public String policyName() {
        return policyName;
    }

    /**
     * The policy of that name, in any case; the enum constant's own name ({@code ADD_NEW_COLUMNS}) is accepted too.
     *
     * @throws IllegalArgumentException naming the known policies when there is none of that name
     */
    @JsonCreator
    public static EvolutionPolicy named(String name) {
        return Arrays.stream(values())
                .filter(policy -> policy.policyName.equalsIgnoreCase(name)
                        || policy.name().equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Cannot read evolution policy '%s': expected one of %s"
                        .formatted(
                                name,
                                Arrays.stream(values())
                                        .map(EvolutionPolicy::policyName)
                                        .collect(Collectors.joining(", ")))));
    }
}
