package io.tidewater.aws;

import java.util.Locale;

/**
 * The environment variable Spring Boot binds to a property, by its relaxed-binding rules: dots and list indexes become
 * underscores, dashes go, letters go upper case ({@code tidewater.trigger.routes[0].queue} →
 * {@code TIDEWATER_TRIGGER_ROUTES_0_QUEUE}).
 */
final class SpringEnvironmentName {

    private SpringEnvironmentName() {}

    static String of(String propertyName) {
        if (!propertyName.matches("[a-z0-9.\\-\\[\\]]+")) {
            throw new IllegalArgumentException("Cannot name an environment variable for " + propertyName
                    + ": use the canonical property name (lower case, dashes, dots, [index])");
        }
        return propertyName
                .replace("-", "")
                .replace("[", ".")
                .replace("]", "")
                .replace('.', '_')
                .toUpperCase(Locale.ROOT);
    }
}
