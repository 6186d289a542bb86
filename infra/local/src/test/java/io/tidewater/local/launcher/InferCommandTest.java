package io.tidewater.local.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./tidewater infer}'s arguments, parsed by the launcher; what it prints is the schema library's. */
class InferCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int tidewater(String... args) {
        CommandLine commandLine = TidewaterCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void explainsUsageForBadArguments() {
        assertThat(tidewater("infer", "--yaml", "x")).isEqualTo(2);

        assertThat(err.toString())
                .startsWith("Cannot run infer: unknown option --yaml")
                .contains("Usage: infer [--json]");
    }

    @Test
    void needsAPath() {
        assertThat(tidewater("infer", "--json")).isEqualTo(2);

        assertThat(err.toString()).startsWith("Cannot run infer: no PATH given").contains("Usage: infer [--json]");
    }

    @Test
    void needsAValueForTheFileSchema() {
        assertThat(tidewater("infer", "--file-schema")).isEqualTo(2);

        assertThat(err.toString())
                .startsWith("Cannot read --file-schema: it needs a value such as \"Bucket, Key, Size\"");
    }

    @Test
    void namesTheColumnsByTheFileSchemaAndPrintsJson(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("objects.csv"), "\"a\",\"1\"\n\"b\",\"2\"\n");

        int exit = tidewater("infer", "--json", "--file-schema", "Key, Size", file.toString());

        assertThat(exit).as(err.toString()).isZero();
        JsonNode line =
                new ObjectMapper().readTree(out.toString().lines().findFirst().orElseThrow());
        assertThat(line.get("file").asText()).isEqualTo(file.toString());
        assertThat(line.get("header").asBoolean()).isFalse();
        assertThat(line.get("headerEvidence").asText()).isEqualTo("CALLER_COLUMNS");
        assertThat(line.get("columns").findValuesAsText("name")).containsExactly("key", "size");
        assertThat(line.get("columns").get(1).get("type").asText()).isEqualTo("long");
    }

    @Test
    void printsATableWithoutJsonAndExitsWithOneWhenAFileFails(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("costs.csv"), "id,amount\n1,0.5\n");
        Path empty = Files.write(directory.resolve("empty.bin"), new byte[0]);

        int exit = tidewater("infer", file.toString(), empty.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString())
                .contains("header: true")
                .containsPattern("amount\\s+double")
                .contains("error: Cannot infer schema of %s: it is empty".formatted(empty));
    }
}
