package io.tidewater.service.admin;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/** The problem-details answers of every service's {@code /admin} API, with the statuses the service declares. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class AdminAutoConfiguration {

    @Bean
    AdminProblemDetails adminProblemDetails(ObjectProvider<ProblemStatus> declared) {
        return new AdminProblemDetails(declared.orderedStream().toList());
    }
}
