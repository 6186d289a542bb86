package io.tidewater.console;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** Who may use the console: anyone who can reach a loopback-only console, else the configured operator. */
sealed interface ConsoleAccess {

    /** No login: only processes on this machine can reach the console (the local stack binds it to 127.0.0.1). */
    record LoopbackOnly() implements ConsoleAccess {}

    /** Form login for the browser, HTTP basic for the services' registration. */
    record PasswordLogin(String user, String password) implements ConsoleAccess {
        // The password must never reach a log line through a record's toString.
        @Override
        public String toString() {
            return "PasswordLogin[user=" + user + "]";
        }
    }

    /**
     * @param listenAddress {@code server.address}, or null when the console listens on every address
     * @throws IllegalStateException when the console would be reachable from elsewhere without a login, or half a
     *     login is configured
     */
    static ConsoleAccess of(ConsoleProperties properties, InetAddress listenAddress) {
        boolean loopbackOnly = listenAddress != null && listenAddress.isLoopbackAddress();
        if (!properties.hasUser() && !properties.hasPassword() && loopbackOnly) {
            return new LoopbackOnly();
        }
        List<String> missing = new ArrayList<>();
        if (!properties.hasUser()) {
            missing.add("tidewater.console.user (TIDEWATER_CONSOLE_USER)");
        }
        if (!properties.hasPassword()) {
            missing.add("tidewater.console.password (TIDEWATER_CONSOLE_PASSWORD)");
        }
        if (!missing.isEmpty()) {
            String verb = missing.size() == 1 ? " is" : " are";
            String reason = loopbackOnly
                    ? "a login needs both a user and a password, but "
                    : "it listens on " + (listenAddress == null ? "every address" : listenAddress.getHostAddress())
                            + " and so needs a login, but ";
            throw new IllegalStateException("Cannot start the operator console: " + reason
                    + String.join(" and ", missing) + verb
                    + " not set; set both, or bind it to the loopback address only with server.address=127.0.0.1");
        }
        return new PasswordLogin(properties.user(), properties.password());
    }
}
