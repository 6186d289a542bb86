package io.tidewater.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The console's login rules over the running console: Spring Boot Admin's own API behind its security. */
class OperatorConsoleSecurityTest {

    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final String USER = "operator";
    static final String PASSWORD = "s3cr3t-console-password";
    static final String REGISTRATION =
            """
            {"name":"inventory-service","healthUrl":"http://127.0.0.1:1/actuator/health",\
            "managementUrl":"http://127.0.0.1:1/actuator","serviceUrl":"http://127.0.0.1:1/"}""";

    @Nested
    @SpringBootTest(
            classes = OperatorConsoleApplication.class,
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"spring.config.name=" + OperatorConsoleApplication.CONFIG_NAME, "server.address=127.0.0.1"})
    class OnLoopbackWithoutALogin {

        @LocalServerPort
        int port;

        @Test
        void answersWithoutALogin() throws Exception {
            HttpResponse<String> response = send(get(port, "/applications"));

            assertThat(response.statusCode()).isEqualTo(200);
        }

        @Test
        void takesARegistrationWithoutACsrfToken() throws Exception {
            assertThat(send(register(port)).statusCode()).isEqualTo(201);
        }

        @Test
        void stillRefusesOtherChangesWithoutTheUisCsrfToken() throws Exception {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri(port, "/applications/inventory-service"))
                    .DELETE()
                    .build());

            assertThat(response.statusCode()).isEqualTo(403);
        }
    }

    @Nested
    @SpringBootTest(
            classes = OperatorConsoleApplication.class,
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {
                "spring.config.name=" + OperatorConsoleApplication.CONFIG_NAME,
                "tidewater.console.user=" + USER,
                "tidewater.console.password=" + PASSWORD
            })
    class WithAPassword {

        @LocalServerPort
        int port;

        @Test
        void asksAnApiCallerForTheLogin() throws Exception {
            HttpResponse<String> response = send(get(port, "/applications"));

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(value -> assertThat(value).startsWith("Basic"));
        }

        @Test
        void sendsABrowserToTheLoginPage() throws Exception {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri(port, "/"))
                    .header("Accept", "text/html")
                    .build());

            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(response.headers().firstValue("Location"))
                    .hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
            assertThat(send(HttpRequest.newBuilder(uri(port, "/login")).build()).statusCode())
                    .isEqualTo(200);
        }

        @Test
        void answersTheLogin() throws Exception {
            assertThat(send(withLogin(get(port, "/applications"), PASSWORD)).statusCode())
                    .isEqualTo(200);
            assertThat(send(withLogin(get(port, "/applications"), "not-" + PASSWORD))
                            .statusCode())
                    .isEqualTo(401);
        }

        @Test
        void takesAServicesRegistrationOverHttpBasicWithoutACsrfToken() throws Exception {
            assertThat(send(register(port)).statusCode()).isEqualTo(401);
            assertThat(send(withLogin(register(port), PASSWORD)).statusCode()).isEqualTo(201);
        }

        @Test
        void leavesItsHealthOpenForProbes() throws Exception {
            assertThat(send(get(port, "/actuator/health")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void refusesToStartOnEveryAddressWithoutAPassword() {
        assertThatThrownBy(() -> OperatorConsoleApplication.application()
                        .run("--server.port=0", "--tidewater.console.user=" + USER)
                        .close())
                .rootCause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Cannot start the operator console: it listens on every address and so needs"
                        + " a login, but tidewater.console.password (TIDEWATER_CONSOLE_PASSWORD) is not set");
    }

    static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static HttpRequest get(int port, String path) {
        return HttpRequest.newBuilder(uri(port, path))
                .header("Accept", "application/json")
                .build();
    }

    static HttpRequest register(int port) {
        return HttpRequest.newBuilder(uri(port, "/instances"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(REGISTRATION))
                .build();
    }

    static HttpRequest withLogin(HttpRequest request, String password) {
        String credentials =
                Base64.getEncoder().encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(request, (name, value) -> true)
                .header("Authorization", "Basic " + credentials)
                .build();
    }

    static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
