package io.tidewater.schema.naming;

import static java.util.Objects.requireNonNull;

/**
 * A source column whose normalised name was already taken by an earlier column, and the name it got instead.
 *
 * @param sourceName the column name as it appears in the source
 * @param normalisedName the name normalisation produced, already used by {@code takenBy}
 * @param takenBy the earlier source column that kept {@code normalisedName}
 * @param resolvedName the unique name given to this column
 */
public record NameCollision(String sourceName, String normalisedName, String takenBy, String resolvedName) {
    public NameCollision {
        requireNonNull(sourceName, "sourceName is null");
        requireNonNull(normalisedName, "normalisedName is null");
        requireNonNull(takenBy, "takenBy is null");
        requireNonNull(resolvedName, "resolvedName is null");
    }
}
