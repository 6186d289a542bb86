package io.tidewater.trigger.config;

import io.tidewater.trigger.routing.Router;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The router from the bound settings, so that routing knows nothing of how its rules are configured. */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    @Bean
    Router router(TriggerProperties properties) {
        return new Router(properties.allowedBuckets(), properties.allowedAccounts(), properties.routes());
    }
}
