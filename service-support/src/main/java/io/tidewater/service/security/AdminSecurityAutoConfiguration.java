package io.tidewater.service.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Every service's HTTP security: {@code /admin/**} needs {@code Authorization: Bearer <token>} (the admin token, or a
 * JWT when enabled); Actuator answers only its read-only endpoints and their links index, and only to GET; everything
 * else (OpenAPI, Swagger UI) is open.
 */
@AutoConfiguration(
        before = {
            SecurityAutoConfiguration.class,
            ServletWebSecurityAutoConfiguration.class,
            UserDetailsServiceAutoConfiguration.class,
            ManagementWebSecurityAutoConfiguration.class,
            OAuth2ResourceServerWebSecurityAutoConfiguration.class
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties(AdminSecurityProperties.class)
public class AdminSecurityAutoConfiguration {

    /**
     * The Actuator endpoints anyone may read, with the links index ({@code /actuator}) the operator console lists them
     * from; every other endpoint is refused even when exposed by mistake.
     */
    public static final List<String> READ_ONLY_ENDPOINTS =
            List.of("health", "info", "prometheus", "metrics", "logfile", "pipelines", "tables", "reports", "periods");

    private static final Logger log = LoggerFactory.getLogger(AdminSecurityAutoConfiguration.class);

    /** Also keeps Boot from generating (and logging) a user password. */
    @Bean
    AuthenticationManagerResolver<HttpServletRequest> adminAuthenticationManagerResolver(
            AdminSecurityProperties properties, Environment environment, ObjectProvider<JwtDecoder> jwtDecoders) {
        AuthenticationManager manager = adminAuthenticationManager(properties, environment, jwtDecoders);
        return request -> manager;
    }

    @Bean
    SecurityFilterChain adminSecurityFilterChain(
            HttpSecurity http, AuthenticationManagerResolver<HttpServletRequest> adminAuthenticationManagerResolver)
            throws Exception {
        RequestMatcher readOnlyEndpoints = new AndRequestMatcher(
                new OrRequestMatcher(
                        EndpointRequest.to(READ_ONLY_ENDPOINTS.toArray(String[]::new)), EndpointRequest.toLinks()),
                request -> "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()));
        return http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests.requestMatchers("/admin/**")
                        .authenticated()
                        .requestMatchers(readOnlyEndpoints)
                        .permitAll()
                        .requestMatchers(EndpointRequest.toAnyEndpoint())
                        .denyAll()
                        .anyRequest()
                        .permitAll())
                .oauth2ResourceServer(resourceServer ->
                        resourceServer.authenticationManagerResolver(adminAuthenticationManagerResolver))
                .build();
    }

    /** Swagger UI's "Authorize" button and the bearer scheme in {@code /v3/api-docs}. */
    @Bean
    @ConditionalOnClass(OpenApiCustomizer.class)
    OpenApiCustomizer adminBearerScheme() {
        return openApi -> openApi.components(Optional.ofNullable(openApi.getComponents())
                        .orElseGet(Components::new)
                        .addSecuritySchemes(
                                "admin-token",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("admin-token"));
    }

    private static AuthenticationManager adminAuthenticationManager(
            AdminSecurityProperties properties, Environment environment, ObjectProvider<JwtDecoder> jwtDecoders) {
        Optional<String> token = Optional.ofNullable(properties.adminToken())
                .filter(value -> !value.isBlank())
                .or(() -> Optional.ofNullable(environment.getProperty(AdminSecurityProperties.ADMIN_TOKEN_VARIABLE))
                        .filter(value -> !value.isBlank()));
        boolean jwt = properties.jwt().enabled();
        List<AuthenticationProvider> providers = new ArrayList<>();
        token.ifPresent(value -> providers.add(new AdminTokenAuthenticationProvider(value, !jwt)));
        if (jwt) {
            JwtDecoder decoder = jwtDecoders.getIfAvailable(() -> {
                throw new IllegalStateException(
                        "Cannot accept JWTs on /admin: tidewater.security.jwt.enabled is true but no JwtDecoder is"
                                + " configured (set spring.security.oauth2.resourceserver.jwt.issuer-uri or jwk-set-uri)");
            });
            providers.add(new JwtAuthenticationProvider(decoder));
        }
        if (providers.isEmpty()) {
            log.warn(
                    "No admin token is configured (tidewater.security.admin-token or {}): /admin refuses every request",
                    AdminSecurityProperties.ADMIN_TOKEN_VARIABLE);
            return authentication -> {
                throw new BadCredentialsException("Cannot authenticate: no admin token is configured");
            };
        }
        return new ProviderManager(providers);
    }
}
