package io.tidewater.console;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.POST;

import de.codecentric.boot.admin.server.config.AdminServerProperties;
import jakarta.servlet.DispatcherType;
import java.net.InetAddress;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The console's HTTP security as Spring Boot Admin documents it: form login for the browser, HTTP basic for the
 * services' registration, CSRF cookies for the UI but not for registration. No login when it listens on loopback only.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfiguration {

    /** Decided once at startup: a console reachable from elsewhere without a login never starts. */
    @Bean
    ConsoleAccess consoleAccess(ConsoleProperties properties, Environment environment) {
        InetAddress listenAddress = Binder.get(environment)
                .bind("server.address", InetAddress.class)
                .orElse(null);
        return ConsoleAccess.of(properties, listenAddress);
    }

    /** Also keeps Boot from generating (and logging) a password when there is no login. */
    @Bean
    InMemoryUserDetailsManager consoleUsers(ConsoleAccess access) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        if (access instanceof ConsoleAccess.PasswordLogin login) {
            PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
            users.createUser(User.withUsername(login.user())
                    .password(encoder.encode(login.password()))
                    .roles("OPERATOR")
                    .build());
        }
        return users;
    }

    @Bean
    SecurityFilterChain consoleSecurityFilterChain(
            HttpSecurity http, ConsoleAccess access, AdminServerProperties adminServer) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        // The UI sends the token from the XSRF-TOKEN cookie; the services register and deregister without one.
        http.csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .ignoringRequestMatchers(
                                paths.matcher(POST, adminServer.path("/instances")),
                                paths.matcher(DELETE, adminServer.path("/instances/*")),
                                paths.matcher(adminServer.path("/actuator/**"))))
                .addFilterAfter(new CsrfCookieFilter(), BasicAuthenticationFilter.class);
        if (access instanceof ConsoleAccess.PasswordLogin) {
            SavedRequestAwareAuthenticationSuccessHandler successHandler =
                    new SavedRequestAwareAuthenticationSuccessHandler();
            successHandler.setTargetUrlParameter("redirectTo");
            successHandler.setDefaultTargetUrl(adminServer.path("/"));
            http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                    paths.matcher(adminServer.path("/assets/**")),
                                    paths.matcher(adminServer.path("/login")),
                                    paths.matcher(adminServer.path("/actuator/health")),
                                    paths.matcher(adminServer.path("/actuator/health/**")),
                                    paths.matcher(adminServer.path("/actuator/info")))
                            .permitAll()
                            // Server-sent events end in an async dispatch (spring-security#11027).
                            .dispatcherTypeMatchers(DispatcherType.ASYNC)
                            .permitAll()
                            .anyRequest()
                            .authenticated())
                    .formLogin(
                            form -> form.loginPage(adminServer.path("/login")).successHandler(successHandler))
                    .logout(logout -> logout.logoutUrl(adminServer.path("/logout")))
                    .httpBasic(Customizer.withDefaults());
        } else {
            http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        }
        return http.build();
    }
}
