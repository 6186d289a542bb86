package io.tidewater.schema.evolution;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewater.contract.EvolutionPolicy;
import io.tidewater.schema.InvalidInputException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The changes that would let a table accept a file, collected before anything is applied. A plan is a value: show it
 * as JSON with {@link #toJson()}, apply it with {@link SchemaEvolver#apply}.
 *
 * @param policy the policy the plan was made under
 * @param changes the changes in a stable order: the rescue column first, then by the file's column order
 * @param renameCandidates columns that may have been renamed; never applied
 */
public record EvolutionPlan(
        EvolutionPolicy policy, List<SchemaChange> changes, List<RenameCandidate> renameCandidates) {
    /** The JSON string column that holds values that do not fit the table's schema. */
    public static final String RESCUED_DATA_COLUMN = "_rescued_data";

    private static final ObjectMapper MAPPER =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public EvolutionPlan {
        requireNonNull(policy, "policy is null");
        changes = List.copyOf(requireNonNull(changes, "changes is null"));
        renameCandidates = List.copyOf(requireNonNull(renameCandidates, "renameCandidates is null"));
    }

    /** @return whether the table already accepts the file as it is */
    @JsonIgnore
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** @return the rejected columns; a plan with any cannot be applied */
    @JsonIgnore
    public List<SchemaChange.RejectColumn> rejections() {
        return changes.stream()
                .filter(SchemaChange.RejectColumn.class::isInstance)
                .map(SchemaChange.RejectColumn.class::cast)
                .toList();
    }

    /** @return the plan as one line per change, for logs and dry runs */
    public String describe() {
        if (changes.isEmpty()) {
            return "no changes";
        }
        return changes.stream()
                .map(change -> change.getClass().getSimpleName() + " " + change.path() + ": " + change.reason())
                .collect(Collectors.joining("\n"));
    }

    /** @return the plan as JSON, types written as Iceberg type strings such as {@code decimal(38,10)} */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write evolution plan as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a plan written by {@link #toJson()}.
     *
     * @param json the JSON text, not null
     * @return the plan
     * @throws InvalidInputException when the text is not a plan
     */
    public static EvolutionPlan fromJson(String json) {
        requireNonNull(json, "json is null");
        try {
            return MAPPER.readValue(json, EvolutionPlan.class);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("Cannot read evolution plan from JSON: " + e.getOriginalMessage(), e);
        }
    }
}
