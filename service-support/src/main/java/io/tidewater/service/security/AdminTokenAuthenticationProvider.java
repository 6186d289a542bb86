package io.tidewater.service.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/** Accepts the one configured admin token; any other bearer token is left to the next provider (JWT) or refused. */
final class AdminTokenAuthenticationProvider
        implements org.springframework.security.authentication.AuthenticationProvider {

    static final String ADMIN = "ROLE_ADMIN";

    private final byte[] expectedDigest;
    private final boolean lastProvider;

    /**
     * @param lastProvider whether no JWT provider follows: then a wrong token fails here instead of being passed on
     */
    AdminTokenAuthenticationProvider(String token, boolean lastProvider) {
        this.expectedDigest = digest(token);
        this.lastProvider = lastProvider;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String presented = ((BearerTokenAuthenticationToken) authentication).getToken();
        // Digests have equal length, so the comparison takes the same time whatever the presented token is.
        if (MessageDigest.isEqual(expectedDigest, digest(presented))) {
            return UsernamePasswordAuthenticationToken.authenticated(
                    "admin-token", null, List.of(new SimpleGrantedAuthority(ADMIN)));
        }
        if (lastProvider) {
            throw new BadCredentialsException("Cannot authenticate: the bearer token is not the admin token");
        }
        return null;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot digest the admin token: " + e.getMessage(), e);
        }
    }
}
