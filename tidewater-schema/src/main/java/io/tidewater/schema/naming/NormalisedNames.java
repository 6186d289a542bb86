package io.tidewater.schema.naming;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Unique normalised names for a list of source columns, in the same order, and the collisions that had to be resolved.
 *
 * @param names one unique name per source column, in source order
 * @param collisions the columns that were renamed to stay unique, in source order
 */
public record NormalisedNames(List<String> names, List<NameCollision> collisions) {
    public NormalisedNames {
        names = List.copyOf(requireNonNull(names, "names is null"));
        collisions = List.copyOf(requireNonNull(collisions, "collisions is null"));
    }
}
