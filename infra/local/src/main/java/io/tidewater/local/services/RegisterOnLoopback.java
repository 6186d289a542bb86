package io.tidewater.local.services;

import de.codecentric.boot.admin.client.config.InstanceProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Registers a service with the console at {@code http://127.0.0.1:<port>}: the port is known only once its server has
 * started (tests ask for port 0), after {@code spring.boot.admin.client.instance.service-base-url} was bound, and
 * without a base URL the client would register the host name's address, which the local stack does not promise.
 */
final class RegisterOnLoopback implements ApplicationListener<WebServerInitializedEvent> {

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        // Registration starts when the application is ready, after this event.
        event.getApplicationContext()
                .getBeanProvider(InstanceProperties.class)
                .ifAvailable(instance -> instance.setServiceBaseUrl(
                        "http://127.0.0.1:" + event.getWebServer().getPort()));
    }
}
