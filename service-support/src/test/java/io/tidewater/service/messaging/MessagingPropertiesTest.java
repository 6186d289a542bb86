package io.tidewater.service.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class MessagingPropertiesTest {

    private static MessagingProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("tidewater.messaging", MessagingProperties.class);
    }

    @Test
    void leaseIsThirtySecondsByDefault() {
        assertThat(bind(Map.of()).lease()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void leaseBindsFromItsKebabCaseKey() {
        assertThat(bind(Map.of("tidewater.messaging.lease", "1m")).lease()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void leaseShorterThanThreeSecondsOrInFractionsOfASecondIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("tidewater.messaging.lease", "2s")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessage("Cannot hold messages: tidewater.messaging.lease must be whole seconds between 3 s and"
                        + " 43200 s, not PT2S");
        assertThatThrownBy(() -> new MessagingProperties(Duration.ofMillis(4500)))
                .hasMessageEndingWith("not PT4.5S");
        assertThatThrownBy(() -> new MessagingProperties(Duration.ofHours(13))).hasMessageEndingWith("not PT13H");
    }
}
