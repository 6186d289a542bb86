package io.tidewater.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsoleAccessTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void needsNoLoginOnLoopbackOnly(String address) throws UnknownHostException {
        ConsoleAccess access = ConsoleAccess.of(new ConsoleProperties(null, null), InetAddress.getByName(address));

        assertThat(access).isInstanceOf(ConsoleAccess.LoopbackOnly.class);
    }

    @Test
    void refusesEveryAddressWithoutALogin() {
        assertThatThrownBy(() -> ConsoleAccess.of(new ConsoleProperties(null, null), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot start the operator console: it listens on every address and so needs a login,"
                        + " but tidewater.console.user (TIDEWATER_CONSOLE_USER) and tidewater.console.password"
                        + " (TIDEWATER_CONSOLE_PASSWORD) are not set; set both, or bind it to the loopback address"
                        + " only with server.address=127.0.0.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "10.1.2.3"})
    void refusesAnotherAddressWithoutAPassword(String address) throws UnknownHostException {
        assertThatThrownBy(
                        () -> ConsoleAccess.of(new ConsoleProperties("operator", " "), InetAddress.getByName(address)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot start the operator console: it listens on " + address
                        + " and so needs a login, but tidewater.console.password (TIDEWATER_CONSOLE_PASSWORD) is not"
                        + " set; set both, or bind it to the loopback address only with server.address=127.0.0.1");
    }

    @Test
    void refusesHalfALoginEvenOnLoopback() throws UnknownHostException {
        assertThatThrownBy(
                        () -> ConsoleAccess.of(new ConsoleProperties(null, "secret"), InetAddress.getLoopbackAddress()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Cannot start the operator console: a login needs both a user and a password,"
                        + " but tidewater.console.user (TIDEWATER_CONSOLE_USER) is not set");
    }

    @Test
    void asksForTheConfiguredLoginAnywhere() {
        ConsoleAccess access = ConsoleAccess.of(new ConsoleProperties("operator", "secret"), null);

        assertThat(access).isEqualTo(new ConsoleAccess.PasswordLogin("operator", "secret"));
        assertThat(access.toString()).doesNotContain("secret");
    }

    @Test
    void asksForAConfiguredLoginOnLoopbackToo() {
        ConsoleAccess access =
                ConsoleAccess.of(new ConsoleProperties("operator", "secret"), InetAddress.getLoopbackAddress());

        assertThat(access).isInstanceOf(ConsoleAccess.PasswordLogin.class);
    }
}
