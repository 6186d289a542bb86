package io.tidewater.billing;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class BillingServiceApplication {

    /** Each service reads {@code billing-service.yml}, so that all of them can share one classpath in the local stack. */
    public static final String CONFIG_NAME = "billing-service";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(BillingServiceApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }
}
