package io.tidewater.schema.evolution;

import static java.util.Objects.requireNonNull;

/**
 * A table column missing from the file that looks like one of the file's new columns. Reported for a person to decide;
 * the planner never renames.
 *
 * @param tableColumn the dotted path of the table column the file lacks
 * @param incomingColumn the dotted path of the file's new column
 * @param reason what makes them look alike
 */
public record RenameCandidate(String tableColumn, String incomingColumn, String reason) {
    public RenameCandidate {
        requireNonNull(tableColumn, "tableColumn is null");
        requireNonNull(incomingColumn, "incomingColumn is null");
        requireNonNull(reason, "reason is null");
    }
}
