package io.tidewater.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.service.security.fixtures.Http;
import io.tidewater.service.security.fixtures.MinimalService;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** The rules every service inherits from service-support, proven over a minimal service. */
class AdminSecurityTest {

    static final String TOKEN = "s3cr3t-admin-token-for-tests";

    @Nested
    @ExtendWith(OutputCaptureExtension.class)
    @SpringBootTest(
            classes = MinimalService.class,
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {
                "tidewater.security.admin-token=" + TOKEN,
                // Exposed by mistake: the filter chain still refuses everything but the read-only endpoints.
                "management.endpoints.web.exposure.include=*",
                "management.endpoint.health.probes.enabled=true",
                "management.endpoint.heapdump.access=unrestricted",
                "management.endpoint.shutdown.access=unrestricted",
                // The operator console shows the log file: the endpoint exists only when there is one.
                "logging.file.name=target/admin-security-test.log"
            })
    class WithAnAdminToken {

        @LocalServerPort
        int port;

        Http http;

        @BeforeEach
        void client() {
            http = new Http(port);
        }

        @Test
        void adminRefusesARequestWithoutTokenAndAsksForABearer() {
            HttpResponse<String> response = http.get("/admin/ping");

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        }

        @Test
        void adminRefusesAWrongToken() {
            assertThat(http.get("/admin/ping", "not-" + TOKEN).statusCode()).isEqualTo(401);
        }

        @Test
        void adminAnswersTheAdminToken() {
            HttpResponse<String> response = http.get("/admin/ping", TOKEN);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("pong");
        }

        @Test
        void adminTakesPostsWithTheTokenWithoutCsrf() {
            assertThat(http.post("/admin/ping", TOKEN, "{}").statusCode()).isEqualTo(200);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "/actuator/health",
                    "/actuator/health/liveness",
                    "/actuator/health/readiness",
                    "/actuator/info",
                    "/actuator/prometheus",
                    "/actuator/metrics",
                    "/actuator/metrics/jvm.memory.used",
                    "/actuator/logfile",
                    "/actuator",
                    "/v3/api-docs",
                    "/swagger-ui/index.html"
                })
        void readOnlyViewsNeedNoToken(String path) {
            assertThat(http.get(path).statusCode()).as(path).isEqualTo(200);
        }

        @Test
        void prometheusServesMicrometerMeters() {
            assertThat(http.get("/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
        }

        @Test
        void apiDocsDescribeTheAdminApiAndItsBearerScheme() {
            String docs = http.get("/v3/api-docs").body();

            assertThat(docs).contains("/admin/ping").contains("\"scheme\":\"bearer\"");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "/actuator/env",
                    "/actuator/configprops",
                    "/actuator/heapdump",
                    "/actuator/threaddump",
                    "/actuator/loggers",
                    "/actuator/beans",
                    "/actuator/mappings"
                })
        void sensitiveEndpointsAreRefusedEvenWhenExposedAndEvenWithTheAdminToken(String path) {
            assertThat(http.get(path).statusCode()).as(path).isEqualTo(401);
            assertThat(http.get(path, TOKEN).statusCode()).as(path).isEqualTo(403);
        }

        @Test
        void theLinksIndexListsTheReadOnlyEndpointsTheOperatorConsoleShows() {
            assertThat(http.get("/actuator").body())
                    .contains("/actuator/health", "/actuator/metrics", "/actuator/logfile", "/actuator/info");
        }

        @Test
        void loggersCannotBeChanged() {
            assertThat(http.post("/actuator/loggers/ROOT", TOKEN, "{\"configuredLevel\":\"TRACE\"}")
                            .statusCode())
                    .isEqualTo(403);
        }

        @Test
        void shutdownIsRefused() {
            assertThat(http.post("/actuator/shutdown", TOKEN, "").statusCode()).isEqualTo(403);
        }

        @Test
        void theTokenIsNeverLogged(CapturedOutput output) {
            http.get("/admin/ping", TOKEN);
            http.get("/admin/ping", "not-" + TOKEN);

            assertThat(output.getAll()).doesNotContain(TOKEN).doesNotContain("generated security password");
        }
    }

    @Nested
    @SpringBootTest(
            classes = MinimalService.class,
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = AdminSecurityProperties.ADMIN_TOKEN_VARIABLE + "=" + TOKEN + "-from-environment")
    class WithTheTokenFromTheEnvironment {

        @LocalServerPort
        int port;

        @Test
        void adminAnswersTheTokenFromTidewaterAdminToken() {
            Http http = new Http(port);

            assertThat(http.get("/admin/ping", TOKEN + "-from-environment").statusCode())
                    .isEqualTo(200);
            assertThat(http.get("/admin/ping", TOKEN).statusCode()).isEqualTo(401);
        }
    }

    @Nested
    @SpringBootTest(classes = MinimalService.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    class WithoutAnyToken {

        @LocalServerPort
        int port;

        @Test
        void adminRefusesEveryRequestButHealthStillAnswers() {
            Http http = new Http(port);

            assertThat(http.get("/admin/ping").statusCode()).isEqualTo(401);
            assertThat(http.get("/admin/ping", "anything").statusCode()).isEqualTo(401);
            assertThat(http.get("/admin/ping", "").statusCode()).isEqualTo(401);
            assertThat(http.get("/actuator/health").statusCode()).isEqualTo(200);
        }
    }

    @Nested
    @SpringBootTest(
            classes = {MinimalService.class, WithJwtsEnabled.AcceptingOneJwt.class},
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"tidewater.security.admin-token=" + TOKEN, "tidewater.security.jwt.enabled=true"})
    class WithJwtsEnabled {

        static final String VALID_JWT = "header.payload.signature";

        /** Stands in for the decoder spring.security.oauth2.resourceserver.jwt.issuer-uri would configure. */
        @TestConfiguration
        static class AcceptingOneJwt {
            @Bean
            JwtDecoder jwtDecoder() {
                return token -> {
                    if (!VALID_JWT.equals(token)) {
                        throw new BadJwtException("Cannot decode JWT: not the test token");
                    }
                    return Jwt.withTokenValue(token)
                            .header("alg", "none")
                            .subject("operator")
                            .issuedAt(Instant.now())
                            .expiresAt(Instant.now().plusSeconds(60))
                            .build();
                };
            }
        }

        @LocalServerPort
        int port;

        @Test
        void adminAnswersAValidJwtAndStillTheAdminToken() {
            Http http = new Http(port);

            assertThat(http.get("/admin/ping", VALID_JWT).statusCode()).isEqualTo(200);
            assertThat(http.get("/admin/ping", TOKEN).statusCode()).isEqualTo(200);
        }

        @Test
        void adminRefusesAnInvalidJwt() {
            assertThat(new Http(port).get("/admin/ping", "other.jwt.value").statusCode())
                    .isEqualTo(401);
        }
    }
}
