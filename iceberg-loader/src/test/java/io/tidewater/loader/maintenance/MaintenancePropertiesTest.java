package io.tidewater.loader.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The maintenance policies of the loader's own yml, bound as Spring binds them. */
class MaintenancePropertiesTest {

    @Test
    void eachKindOfTableGetsItsPolicyFromTheShippedConfiguration() throws IOException {
        MaintenanceProperties properties = shipped();

        assertThat(properties.idempotencyWindow()).isEqualTo(Duration.ofDays(18));
        assertThat(properties.policyOf("inventory.objects").snapshotsKept()).isEqualTo(31);
        assertThat(properties.policyOf("inventory.objects_quarantine").snapshotAge())
                .isEqualTo(Duration.ofDays(31));
        assertThat(properties.policyOf("billing.cur").minInputFiles()).isEqualTo(10);
        assertThat(properties.policyOf("inventory.object_state").every())
                .as("the first matching pattern wins: inventory.* before *.object_state*")
                .isEqualTo(Duration.ofDays(1));
        assertThat(properties.policyOf("datasets.object_state_daily").every()).isEqualTo(Duration.ofHours(1));
        assertThat(properties.policyOf("datasets.orders")).isEqualTo(properties.defaults());
        assertThat(properties.policyOf("inventory.objects").retention())
                .as("retention is off unless configured")
                .isNull();
    }

    @Test
    void refusesASnapshotAgeShorterThanTheIdempotencyWindow() {
        Map<String, String> configured = Map.of(
                "tidewater.loader.maintenance.idempotency-window", "P18D",
                "tidewater.loader.maintenance.tables[billing.*].snapshot-age", "P7D");

        assertThatThrownBy(() -> new Binder(new MapConfigurationPropertySource(configured))
                        .bind("tidewater.loader.maintenance", MaintenanceProperties.class))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessage("Cannot configure the maintenance of billing.*: snapshot-age PT168H is shorter than the"
                        + " idempotency window PT432H, so a load job delivered again after its snapshot expired"
                        + " would load its rows a second time");
    }

    private static MaintenanceProperties shipped() throws IOException {
        PropertySource<?> yml = new YamlPropertySourceLoader()
                .load("iceberg-loader", new ClassPathResource("iceberg-loader.yml"))
                .get(0);
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(yml);
        return Binder.get(environment)
                .bind("tidewater.loader.maintenance", MaintenanceProperties.class)
                .get();
    }
}
