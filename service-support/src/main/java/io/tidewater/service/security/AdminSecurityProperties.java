package io.tidewater.service.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tidewater.security}: who may call {@code /admin}.
 *
 * @param adminToken the bearer token {@code /admin} accepts; when blank, {@code TIDEWATER_ADMIN_TOKEN} is used
 * @param jwt OAuth2 JWTs as a second way in, off by default
 */
@ConfigurationProperties("tidewater.security")
public record AdminSecurityProperties(String adminToken, @DefaultValue Jwt jwt) {

    /** The environment variable the token comes from when {@code tidewater.security.admin-token} is not set. */
    public static final String ADMIN_TOKEN_VARIABLE = "TIDEWATER_ADMIN_TOKEN";

    /**
     * @param enabled accept JWTs checked by the decoder {@code spring.security.oauth2.resourceserver.jwt.*} configures
     */
    public record Jwt(@DefaultValue("false") boolean enabled) {}

    // The token must never reach a log line or an error page through a record's toString.
    @Override
    public String toString() {
        return "AdminSecurityProperties[adminToken="
                + (adminToken == null || adminToken.isBlank() ? "<unset>" : "<set>") + ", jwt=" + jwt + "]";
    }
}
