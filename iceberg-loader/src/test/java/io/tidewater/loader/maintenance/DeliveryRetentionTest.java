package io.tidewater.loader.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryRetentionTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);
    private static final List<LocalDate> FIVE_DAYS =
            List.of(TODAY.minusDays(4), TODAY.minusDays(3), TODAY.minusDays(2), TODAY.minusDays(1), TODAY);

    @Test
    void keepsTheNewestDeliveriesByNumber() {
        DeliveryRetention retention = new DeliveryRetention("inventory_date", List.of("bucket"), 3, null);

        assertThat(retention.expired(FIVE_DAYS, TODAY)).containsExactly(TODAY.minusDays(3), TODAY.minusDays(4));
    }

    @Test
    void keepsEveryDeliveryYoungerThanTheAgeWhateverTheirNumber() {
        DeliveryRetention retention = new DeliveryRetention("inventory_date", List.of("bucket"), 1, Duration.ofDays(2));

        assertThat(retention.expired(FIVE_DAYS, TODAY)).containsExactly(TODAY.minusDays(3), TODAY.minusDays(4));
    }

    @Test
    void keepsTheNewestEvenWhenAllAreOlderThanTheAge() {
        DeliveryRetention retention = new DeliveryRetention("inventory_date", List.of("bucket"), 2, Duration.ofDays(1));

        assertThat(retention.expired(List.of(TODAY.minusDays(40), TODAY.minusDays(30), TODAY.minusDays(20)), TODAY))
                .containsExactly(TODAY.minusDays(40));
    }

    @Test
    void refusesARetentionThatWouldDeleteEveryDelivery() {
        assertThatThrownBy(() -> new DeliveryRetention("inventory_date", List.of("bucket"), 0, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot configure the retention of deliveries by inventory_date: neither keep-deliveries"
                        + " nor keep-age is set, which would delete every delivery");
    }
}
