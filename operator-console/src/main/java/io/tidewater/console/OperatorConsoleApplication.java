package io.tidewater.console;

import de.codecentric.boot.admin.server.config.EnableAdminServer;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@SpringBootApplication
@EnableAdminServer
@EnableConfigurationProperties(ConsoleProperties.class)
public class OperatorConsoleApplication {

    /** The console reads {@code operator-console.yml}, so that it can share one classpath with the services. */
    public static final String CONFIG_NAME = "operator-console";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(OperatorConsoleApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }
}
