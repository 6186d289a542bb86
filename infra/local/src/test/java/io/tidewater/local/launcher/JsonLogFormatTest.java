package io.tidewater.local.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.MDC;

/** {@code TIDEWATER_LOG_FORMAT=json}: the launcher's log file as JSON lines that carry the correlation ids. */
class JsonLogFormatTest {

    @Test
    void writesOneJsonObjectPerLineWithTheMdcCorrelationIds(@TempDir Path directory)
            throws JoranException, IOException {
        Path logFile = directory.resolve("tidewater.log");
        LoggerContext context = givenLoggerContext("/logback-json.xml", logFile);
        Logger log = context.getLogger("io.tidewater.loader.load.LoadJobListener");

        try (MDC.MDCCloseable run = MDC.putCloseable("runId", "run-7");
                MDC.MDCCloseable table = MDC.putCloseable("table", "inventory.objects")) {
            log.info("Load job {} committed", "job-1");
        }
        context.stop();

        List<String> lines = Files.readAllLines(logFile);
        assertThat(lines).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(lines.get(0));
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("loggerName").asText()).isEqualTo("io.tidewater.loader.load.LoadJobListener");
        assertThat(line.path("formattedMessage").asText()).isEqualTo("Load job job-1 committed");
        assertThat(line.path("mdc").path("runId").asText()).isEqualTo("run-7");
        assertThat(line.path("mdc").path("table").asText()).isEqualTo("inventory.objects");
    }

    @Test
    void keepsTheReadableFormatByDefault(@TempDir Path directory) throws JoranException, IOException {
        Path logFile = directory.resolve("tidewater.log");
        LoggerContext context = givenLoggerContext("/logback.xml", logFile);

        context.getLogger("io.tidewater.trigger.run.Runs").info("Run started");
        context.stop();

        assertThat(Files.readString(logFile))
                .contains("INFO ")
                .contains("Run started")
                .doesNotContain("{");
    }

    private static LoggerContext givenLoggerContext(String configuration, Path logFile) throws JoranException {
        LoggerContext context = new LoggerContext();
        // A context of its own reads the MDC the application writes to only through the same adapter.
        context.setMDCAdapter(MDC.getMDCAdapter());
        context.start();
        context.putProperty("tidewater.log-file", logFile.toString());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(JsonLogFormatTest.class.getResource(configuration));
        return context;
    }
}
