package io.tidewater.loader.maintenance;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The maintenance schedule runs on Spring's scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class MaintenanceConfiguration {}
