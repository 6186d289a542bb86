package io.tidewater.inventory.config;

import io.tidewater.service.stage.DomainStage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How this service plugs into the stage kit: the kit opens its ledger and wires its run updates and load jobs. */
@Configuration(proxyBeanMethods = false)
class StageConfiguration {

    @Bean
    DomainStage inventoryStage(InventoryProperties properties) {
        return new DomainStage(
                "inventory-service", properties.ledger(), properties.runUpdatesQueue(), properties.loadJobsQueue());
    }
}
