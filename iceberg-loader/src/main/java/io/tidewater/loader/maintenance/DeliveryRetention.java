package io.tidewater.loader.maintenance;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How many deliveries of a table to keep, such as the inventory's daily reports: per group (source bucket and
 * inventory configuration), the newest {@code keepDeliveries} delivery dates, and every date younger than
 * {@code keepAge}; older deliveries' rows are deleted whole, file by file, without rewriting any file.
 *
 * @param dateColumn the delivery's date (a {@code date} column, such as {@code inventory_date})
 * @param groupBy the columns a delivery's rows share, each group kept on its own
 * @param keepDeliveries the newest delivery dates kept per group; 0 keeps by age alone
 * @param keepAge delivery dates younger than this are kept whatever their number; absent keeps by number alone
 */
public record DeliveryRetention(
        @NotBlank String dateColumn,
        @NotEmpty List<@NotBlank String> groupBy,
        @PositiveOrZero int keepDeliveries,
        Duration keepAge) {

    public DeliveryRetention {
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
        if (keepDeliveries <= 0 && keepAge == null) {
            throw new IllegalArgumentException(
                    "Cannot configure the retention of deliveries by %s: neither".formatted(dateColumn)
                            + " keep-deliveries nor keep-age is set, which would delete every delivery");
        }
        if (keepAge != null && keepAge.isNegative()) {
            throw new IllegalArgumentException(
                    "Cannot configure the retention of deliveries by %s: keep-age is %s, a negative duration"
                            .formatted(dateColumn, keepAge));
        }
    }

    /** The dates of one group's deliveries that retention deletes: all but the kept ones. */
    List<LocalDate> expired(List<LocalDate> dates, LocalDate today) {
        List<LocalDate> newestFirst =
                dates.stream().distinct().sorted(Comparator.reverseOrder()).toList();
        List<LocalDate> expired = new ArrayList<>();
        for (int index = 0; index < newestFirst.size(); index++) {
            LocalDate date = newestFirst.get(index);
            boolean keptByNumber = index < keepDeliveries;
            boolean keptByAge = keepAge != null && !date.isBefore(today.minusDays(keepAge.toDays()));
            if (!keptByNumber && !keptByAge) {
                expired.add(date);
            }
        }
        return expired;
    }
}
