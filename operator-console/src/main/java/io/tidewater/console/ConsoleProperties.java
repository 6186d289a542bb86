package io.tidewater.console;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code tidewater.console}: the operator's login. Both are required unless the console listens on the loopback
 * address only (see {@link ConsoleAccess}).
 *
 * @param user the login name, also what the services register with over HTTP basic
 * @param password the login password
 */
@Validated
@ConfigurationProperties("tidewater.console")
public record ConsoleProperties(
        @Pattern(regexp = "[^:]*", message = "must not contain a colon: HTTP basic cannot carry it") String user,
        String password) {

    boolean hasUser() {
        return user != null && !user.isBlank();
    }

    boolean hasPassword() {
        return password != null && !password.isBlank();
    }

    // The password must never reach a log line or an error page through a record's toString.
    @Override
    public String toString() {
        return "ConsoleProperties[user=" + user + ", password=" + (hasPassword() ? "<set>" : "<unset>") + "]";
    }
}
