package io.tidewater.trigger;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class WorkflowTriggerApplication {

    /** Each service reads {@code workflow-trigger.yml}, so that all of them can share one classpath in the local stack. */
    public static final String CONFIG_NAME = "workflow-trigger";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(WorkflowTriggerApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }
}
