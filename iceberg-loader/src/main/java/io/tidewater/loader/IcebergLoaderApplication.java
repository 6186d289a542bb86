package io.tidewater.loader;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class IcebergLoaderApplication {

    /** Each service reads {@code iceberg-loader.yml}, so that all of them can share one classpath in the local stack. */
    public static final String CONFIG_NAME = "iceberg-loader";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(IcebergLoaderApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }
}
