package io.tidewater.console;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * The console polls every service through Reactor Netty. Its event loops are its own rather than Reactor Netty's global
 * ones: in the local stack every service shares the JVM, and the first of them to stop disposes the global resources,
 * which would fail the console's polling (and log it) while the others stop.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleHttpClientConfiguration {

    @Bean
    ReactorResourceFactory reactorResourceFactory() {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        return factory;
    }
}
