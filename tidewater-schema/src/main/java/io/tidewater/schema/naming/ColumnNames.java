package io.tidewater.schema.naming;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Column-name normalisation with the rule AWS uses for Cost and Usage Reports in Athena and Parquet: insert {@code _}
 * before each upper-case letter, lower-case everything, turn every character other than {@code a-z} and {@code 0-9}
 * into {@code _}, then collapse runs of {@code _} and strip them from both ends.
 *
 * <p>Examples: {@code lineItem/UnblendedCost} becomes {@code line_item_unblended_cost}, {@code IsLatest} becomes
 * {@code is_latest}, {@code savingsPlan/SavingsPlanARN} becomes {@code savings_plan_savings_plan_a_r_n}.
 */
public final class ColumnNames {
    private ColumnNames() {}

    /**
     * Normalises one column name.
     *
     * @param sourceName the name as it appears in the source, not null
     * @return the normalised name; {@code col} when nothing alphanumeric is left, so the result is never empty
     */
    public static String normalise(String sourceName) {
        requireNonNull(sourceName, "sourceName is null");
        StringBuilder spaced = new StringBuilder(sourceName.length() + 8);
        for (int i = 0; i < sourceName.length(); i++) {
            char character = sourceName.charAt(i);
            if (Character.isUpperCase(character)) {
                spaced.append('_');
            }
            spaced.append(character);
        }
        String lower = spaced.toString().toLowerCase(Locale.ROOT);
        StringBuilder result = new StringBuilder(lower.length());
        boolean pendingUnderscore = false;
        for (int i = 0; i < lower.length(); i++) {
            char character = lower.charAt(i);
            boolean alphanumeric = (character >= 'a' && character <= 'z') || (character >= '0' && character <= '9');
            if (!alphanumeric) {
                pendingUnderscore = true;
                continue;
            }
            if (pendingUnderscore && result.length() > 0) {
                result.append('_');
            }
            pendingUnderscore = false;
            result.append(character);
        }
        // Glue names a column it cannot name "col<n>"; the caller adds the position when it has one.
        return result.length() == 0 ? "col" : result.toString();
    }

    /**
     * Normalises a list of column names and makes them unique. The first column keeps a contested name; later ones get
     * the smallest free suffix {@code _2}, {@code _3}, ... so the result depends only on the input order. Names that
     * normalise to nothing become {@code col<position>} (zero-based), as Glue does.
     *
     * @param sourceNames the source names in column order, not null
     * @return the unique names in the same order and every collision that was resolved
     */
    public static NormalisedNames normalise(List<String> sourceNames) {
        requireNonNull(sourceNames, "sourceNames is null");
        List<String> normalised = new ArrayList<>(sourceNames.size());
        for (int position = 0; position < sourceNames.size(); position++) {
            String name = normalise(sourceNames.get(position));
            normalised.add(name.equals("col") ? "col" + position : name);
        }
        // Reserve every plain name first so a suffixed name never steals a later column's own name.
        Set<String> taken = new HashSet<>();
        Map<String, String> firstOwner = new HashMap<>();
        List<String> names = new ArrayList<>(sourceNames.size());
        List<NameCollision> collisions = new ArrayList<>();
        Set<String> plainNames = new HashSet<>(normalised);
        for (int position = 0; position < normalised.size(); position++) {
            String name = normalised.get(position);
            String owner = firstOwner.putIfAbsent(name, sourceNames.get(position));
            if (owner == null) {
                taken.add(name);
                names.add(name);
                continue;
            }
            int suffix = 2;
            while (taken.contains(name + "_" + suffix) || plainNames.contains(name + "_" + suffix)) {
                suffix++;
            }
            String resolved = name + "_" + suffix;
            taken.add(resolved);
            names.add(resolved);
            collisions.add(new NameCollision(sourceNames.get(position), name, owner, resolved));
        }
        return new NormalisedNames(names, collisions);
    }
}
