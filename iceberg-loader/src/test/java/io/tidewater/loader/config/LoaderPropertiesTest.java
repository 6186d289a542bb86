package io.tidewater.loader.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class LoaderPropertiesTest {

    private static final Map<String, String> REQUIRED = Map.of(
            "tidewater.loader.jobs-queue", "jobs",
            "tidewater.loader.max-malformed-rows-per-job", "10",
            "tidewater.loader.catalog.name", "tidewater",
            "tidewater.loader.catalog.properties.type", "jdbc",
            "tidewater.loader.spark.master", "local[1]");

    private static LoaderProperties bind(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(REQUIRED);
        properties.putAll(extra);
        return new Binder(new MapConfigurationPropertySource(properties))
                .bind("tidewater.loader", LoaderProperties.class)
                .get();
    }

    @Test
    void limitsDefaultToAHundredNewColumnsAndAMebibytePerValue() {
        LoaderProperties properties = bind(Map.of());

        assertThat(properties.limits()).isEqualTo(new LoaderProperties.Limits(100, 1 << 20));
        assertThat(properties.jobsQueue()).isEqualTo("jobs");
        assertThat(properties.maxMalformedRowsPerJob()).isEqualTo(10);
        assertThat(properties.catalog()).isEqualTo(new LoaderProperties.Catalog("tidewater", Map.of("type", "jdbc")));
        assertThat(properties.spark()).isEqualTo(new LoaderProperties.Spark("local[1]", Map.of()));
    }

    @Test
    void everyLimitMaps() {
        LoaderProperties properties = bind(Map.of(
                "tidewater.loader.limits.max-new-columns", "7",
                "tidewater.loader.limits.max-chars-per-column", "4096"));

        assertThat(properties.limits()).isEqualTo(new LoaderProperties.Limits(7, 4096));
    }
}
