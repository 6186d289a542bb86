package io.tidewater.schema.evolution;

import static java.util.Objects.requireNonNull;

import io.tidewater.contract.EvolutionPolicy;

/**
 * How to plan schema evolution.
 *
 * @param policy what to do with new and conflicting columns
 * @param nameMatching how names are compared
 * @param maxNewColumns the most columns one file may add; a file that would add more is rejected, because an
 *     exploding column count usually means a broken producer (JSON keys that are really data)
 */
public record EvolutionOptions(EvolutionPolicy policy, NameMatching nameMatching, int maxNewColumns) {
    public static final int DEFAULT_MAX_NEW_COLUMNS = 100;

    public EvolutionOptions {
        requireNonNull(policy, "policy is null");
        requireNonNull(nameMatching, "nameMatching is null");
        if (maxNewColumns < 0) {
            throw new IllegalArgumentException(
                    "Cannot create evolution options: maxNewColumns is negative: " + maxNewColumns);
        }
    }

    /** @return {@link EvolutionPolicy#ADD_NEW_COLUMNS}, case-insensitive names, at most 100 new columns per file */
    public static EvolutionOptions defaults() {
        return new EvolutionOptions(
                EvolutionPolicy.ADD_NEW_COLUMNS, NameMatching.CASE_INSENSITIVE, DEFAULT_MAX_NEW_COLUMNS);
    }

    public EvolutionOptions withPolicy(EvolutionPolicy newPolicy) {
        return new EvolutionOptions(newPolicy, nameMatching, maxNewColumns);
    }

    public EvolutionOptions withNameMatching(NameMatching matching) {
        return new EvolutionOptions(policy, matching, maxNewColumns);
    }

    public EvolutionOptions withMaxNewColumns(int limit) {
        return new EvolutionOptions(policy, nameMatching, limit);
    }
}
