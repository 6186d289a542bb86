package io.tidewater.schema.inference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewater.schema.InvalidInputException;
import io.tidewater.schema.naming.ColumnNames;
import io.tidewater.schema.naming.NormalisedNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Infers nested structs, lists and maps from the objects of a JSON Lines sample. */
final class JsonLinesInference {
    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final CrawlOptions options;

    JsonLinesInference(CrawlOptions options) {
        this.options = options;
    }

    CrawlResult infer(String source, Sample sample, DecodedText decoded) {
        List<String> warnings = new ArrayList<>(decoded.warnings());
        JsonShape root = new JsonShape();
        String[] lines = decoded.text().split("\r\n|\r|\n");
        int usable = sample.truncated() && lines.length > 1 ? lines.length - 1 : lines.length;
        int records = 0;
        int invalid = 0;
        String firstError = null;
        for (int index = 0; index < usable && records < options.sampleRows(); index++) {
            String line = lines[index].strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                JsonNode node = MAPPER.readTree(line);
                if (!node.isObject()) {
                    throw new InvalidInputException(
                            "line %d is a JSON %s, not an object".formatted(index + 1, node.getNodeType()));
                }
                root.add(node);
                records++;
            } catch (JsonProcessingException | InvalidInputException e) {
                invalid++;
                if (firstError == null) {
                    firstError = "line %d: %s"
                            .formatted(
                                    index + 1,
                                    e.getMessage().lines().findFirst().orElse(""));
                }
            }
        }
        if (records == 0 || invalid > records) {
            throw new InvalidInputException(
                    "Cannot parse %s as JSON Lines: %d of %d lines are not JSON objects, first at %s"
                            .formatted(source, invalid, invalid + records, firstError));
        }
        if (invalid > 0) {
            warnings.add("Cannot parse %d of %d lines of %s as JSON objects; first at %s"
                    .formatted(invalid, invalid + records, source, firstError));
        }
        List<String> sourceNames = new ArrayList<>(root.fields().keySet());
        NormalisedNames names = ColumnNames.normalise(sourceNames);
        AtomicInteger ids = new AtomicInteger(sourceNames.size());
        List<InferredColumn> columns = new ArrayList<>();
        int index = 0;
        for (Map.Entry<String, JsonShape> field : root.fields().entrySet()) {
            JsonShape shape = field.getValue();
            // A key missing from some records is as null as an explicit null.
            boolean nullable = shape.nullable() || shape.seen() < records;
            columns.add(new InferredColumn(
                    names.names().get(index),
                    field.getKey(),
                    shape.type(options.numberTyping(), ids),
                    nullable,
                    shape.confidence(options.numberTyping())));
            index++;
        }
        return new CrawlResult(
                source,
                FileFormat.JSON_LINES,
                null,
                false,
                HeaderEvidence.NOT_APPLICABLE,
                columns,
                warnings,
                records,
                sample.truncated(),
                List.of());
    }
}
