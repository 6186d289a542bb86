package io.tidewater.inventory.config;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The inventory service's settings under {@code tidewater.inventory}.
 *
 * @param reportsQueue where the trigger announces inventory reports
 * @param loadJobsQueue where load jobs go to the loader
 * @param loadResultsQueue where the loader replies
 * @param table the target table, {@code namespace.name}
 * @param evolutionPolicy the schema evolution policy for new inventory fields
 */
@Validated
@ConfigurationProperties("tidewater.inventory")
public record InventoryProperties(
        @NotBlank String reportsQueue,
        @NotBlank String loadJobsQueue,
        @NotBlank String loadResultsQueue,
        @NotBlank String table,
        @NotBlank String evolutionPolicy) {}
