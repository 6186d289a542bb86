package io.tidewater.billing.config;

import io.tidewater.service.stage.DomainStage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How this service plugs into the stage kit: the kit opens its ledger and wires its run updates and load jobs. */
@Configuration(proxyBeanMethods = false)
class StageConfiguration {

    @Bean
    DomainStage billingStage(BillingProperties properties) {
        return new DomainStage(
                "billing-service", properties.ledger(), properties.runUpdatesQueue(), properties.loadJobsQueue());
    }
}
