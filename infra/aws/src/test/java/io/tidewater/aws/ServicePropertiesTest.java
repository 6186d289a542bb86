package io.tidewater.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServicePropertiesTest {

    private final ServiceProperties trigger = ServiceProperties.of("workflow-trigger");
    private final ServiceProperties loader = ServiceProperties.of("iceberg-loader");

    @Test
    void acceptsVariablesSpelledAsSpringBindsThem() {
        assertThat(trigger.problemsWith(Map.of(
                        "TIDEWATER_TRIGGER_EVENTSQUEUE", "q",
                        // Spring also binds the legacy spelling, with the dash as an underscore.
                        "TIDEWATER_TRIGGER_RUN_UPDATES_QUEUE", "q",
                        "TIDEWATER_TRIGGER_ROUTES_0_QUEUE", "q",
                        "SPRING_CLOUD_AWS_S3_PATHSTYLEACCESSENABLED", "true")))
                .isEmpty();
        assertThat(loader.problemsWith(Map.of("TIDEWATER_LOADER_CATALOG_PROPERTIES_URI", "jdbc:postgresql://db/t")))
                .isEmpty();
    }

    @Test
    void rejectsAVariableThatNamesNoProperty() {
        assertThat(trigger.problemsWith(Map.of("TIDEWATER_TRIGGER_EVENTQUEUE", "q")))
                .singleElement()
                .asString()
                .contains("TIDEWATER_TRIGGER_EVENTQUEUE (tidewater.trigger.eventqueue) is neither in");
    }

    @Test
    void rejectsAMapKeyThatLosesItsDashOnTheWay() {
        assertThat(loader.problemsWith(Map.of("TIDEWATER_LOADER_CATALOG_PROPERTIES_IOIMPL", "x")))
                .singleElement()
                .asString()
                .contains("binds map key tidewater.loader.catalog.properties.ioimpl, not "
                        + "tidewater.loader.catalog.properties.io-impl; set it in SPRING_APPLICATION_JSON");
    }

    @Test
    void checksTheKeysOfSpringApplicationJson() {
        assertThat(loader.problemsWith(Map.of(
                        "SPRING_APPLICATION_JSON",
                        "{\"tidewater\": {\"loader\": {\"catalog\": {\"properties\": {\"s3.path-style-access\": \"true\"}},"
                                + " \"jobs-queu\": \"typo\"}}}")))
                .singleElement()
                .asString()
                .contains("SPRING_APPLICATION_JSON sets tidewater.loader.jobs-queu");
    }
}
