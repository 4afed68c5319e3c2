package no.mappe.sso;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.io.IOException;
import java.net.MalformedURLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import no.mappe.errors.SignInRefused;
import no.mappe.errors.SignInRefused.Reason;

/**
 * What each identity provider publishes about itself: its discovery document
 * ({@code /.well-known/openid-configuration}) and its signing keys (JWKS). Both are cached; the
 * keys are fetched again when a token names a key the cache does not have, which is how a
 * provider's key rotation is followed without a restart.
 */
public final class Discovery {

    /** Discovery documents change rarely (endpoints); keys follow their own, shorter cache. */
    private static final Duration METADATA_LIFETIME = Duration.ofHours(1);
    static final int CONNECT_TIMEOUT_MS = 5_000;
    static final int READ_TIMEOUT_MS = 10_000;
    private static final int JWKS_SIZE_LIMIT = 512 * 1024;

    /** One provider as discovered. */
    record Provider(OIDCProviderMetadata metadata, JWKSource<SecurityContext> keys, Instant fetchedAt) {
    }

    private final Map<String, Provider> byIssuer = new ConcurrentHashMap<>();
    private final Clock clock;

    public Discovery(Clock clock) {
        this.clock = clock;
    }

    /** The provider of this issuer, from the cache while it is fresh; refused as unreachable when it cannot be read. */
    Provider provider(String issuer) {
        Provider cached = byIssuer.get(issuer);
        if (cached != null && cached.fetchedAt().plus(METADATA_LIFETIME).isAfter(Instant.now(clock))) {
            return cached;
        }
        Provider fresh = fetch(issuer);
        byIssuer.put(issuer, fresh);
        return fresh;
    }

    /** Reads the issuer's discovery document now (when a leader saves settings), so a typing error is found then, not at sign-in. */
    void check(String issuer) {
        byIssuer.put(issuer, fetch(issuer));
    }

    void forget(String issuer) {
        byIssuer.remove(issuer);
    }

    private Provider fetch(String issuer) {
        OIDCProviderMetadata metadata;
        try {
            // Also checks that the document names exactly this issuer.
            metadata = OIDCProviderMetadata.resolve(new Issuer(issuer), CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS);
        } catch (IOException | GeneralException e) {
            throw new SignInRefused(Reason.PROVIDER_UNREACHABLE, "The discovery document of " + issuer
                    + " (/.well-known/openid-configuration) could not be read: " + e.getMessage(), e);
        }
        if (metadata.getAuthorizationEndpointURI() == null || metadata.getTokenEndpointURI() == null
                || metadata.getJWKSetURI() == null) {
            throw new SignInRefused(Reason.PROVIDER_UNREACHABLE, "The discovery document of " + issuer
                    + " lacks an authorization endpoint, a token endpoint or a jwks_uri");
        }
        if (metadata.getResponseTypes() != null && !metadata.getResponseTypes().contains(ResponseType.CODE)) {
            throw new SignInRefused(Reason.PROVIDER_UNREACHABLE, issuer + " does not offer the authorisation code flow");
        }
        if (metadata.getCodeChallengeMethods() != null && !metadata.getCodeChallengeMethods().contains(CodeChallengeMethod.S256)) {
            throw new SignInRefused(Reason.PROVIDER_UNREACHABLE, issuer + " does not offer PKCE with S256");
        }
        try {
            JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(metadata.getJWKSetURI().toURL(),
                            new DefaultResourceRetriever(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, JWKS_SIZE_LIMIT))
                    .retrying(true)
                    .build();
            return new Provider(metadata, keys, Instant.now(clock));
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new SignInRefused(Reason.PROVIDER_UNREACHABLE, "The jwks_uri of " + issuer + " is not a URL", e);
        }
    }
}
