package no.mappe.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/**
 * A real OpenID Connect provider on a random port (NAV's mock-oauth2-server), serving any number
 * of issuers under one host (http://localhost:port/{issuerId}), with its interactive login form on:
 * a sign-in submits a username (the token's subject) and the claims the account carries, as a
 * person would at a real provider. Each issuer signs with an RSA key of its own that a test can
 * rotate.
 */
public final class IdentityProvider implements AutoCloseable {

    private final RotatingKeys keys = new RotatingKeys();
    private final MockOAuth2Server server;

    public IdentityProvider() {
        server = new MockOAuth2Server(new OAuth2Config(true, null, null, false, new OAuth2TokenProvider(keys)));
        server.start();
    }

    public String issuer(String issuerId) {
        return server.issuerUrl(issuerId).toString();
    }

    /** The provider signs with a new key from now on and publishes only that one, as after a key rotation. */
    public void rotateKey(String issuerId) {
        keys.rotate(issuerId);
    }

    /**
     * From now on this issuer signs its tokens with another issuer's key, while its JWKS still
     * publishes its own: what a token made by the other issuer, or a forgery, looks like to a
     * client of this one. {@link #signWithOwnKey} ends it.
     */
    public void signWithKeyOf(String issuerId, String otherIssuerId) {
        keys.borrowed.put(issuerId, otherIssuerId);
    }

    public void signWithOwnKey(String issuerId) {
        keys.borrowed.remove(issuerId);
    }

    /** The next token of this issuer expires this many seconds from now (negative: already expired). */
    public void nextTokenExpiresIn(String issuerId, long seconds) {
        server.enqueueCallback(new DefaultOAuth2TokenCallback(issuerId, UUID.randomUUID().toString(), JOSEObjectType.JWT.getType(),
                null, Map.of(), seconds));
    }

    @Override
    public void close() {
        server.shutdown();
    }

    /** One key per issuer, replaced on demand; the JWKS lists the current key only. */
    private static final class RotatingKeys extends KeyProvider {

        private final Map<String, JWK> current = new ConcurrentHashMap<>();
        private final Map<String, String> borrowed = new ConcurrentHashMap<>();

        RotatingKeys() {
            super(List.of(), "RS256");
        }

        /**
         * The server asks for the same key to sign and to publish its JWKS; a borrowed key is
         * handed out for signing only (the JWKS is built in publicJwkSet, a few frames up).
         */
        @Override
        public JWK signingKey(String issuerId) {
            String lender = borrowed.get(issuerId);
            if (lender != null && StackWalker.getInstance().walk(frames -> frames.limit(8)
                    .noneMatch(frame -> frame.getMethodName().startsWith("publicJwkSet")))) {
                return current.computeIfAbsent(lender, ignored -> newKey());
            }
            return current.computeIfAbsent(issuerId, ignored -> newKey());
        }

        void rotate(String issuerId) {
            current.put(issuerId, newKey());
        }

        private static RSAKey newKey() {
            try {
                return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * A browser of one person: its own cookies, redirects followed by hand so a test can look at
     * (and tamper with) each step.
     */
    public static final class Browser {

        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        /** A sign-in through the provider's form up to its answer: the callback address, not yet visited. */
        public URI untilCallback(String mappe, String organisationId, String username, String claimsJson) {
            Api.Response start = get(URI.create(mappe + "/login/sso/" + organisationId));
            if (start.status() != 303) {
                throw new IllegalStateException("Expected a redirect to the provider, got " + start.status() + ": " + start.body());
            }
            URI authorize = URI.create(start.header("Location"));
            Api.Response form = get(authorize);
            if (form.status() != 200 || !form.body().contains("name=\"username\"")) {
                throw new IllegalStateException("Expected the provider's login form, got " + form.status() + ": " + form.body());
            }
            Api.Response answer = postForm(authorize, Map.of("username", username, "claims", claimsJson));
            if (answer.status() != 302) {
                throw new IllegalStateException("Expected the provider's answer, got " + answer.status() + ": " + answer.body());
            }
            return URI.create(answer.header("Location"));
        }

        /** A whole sign-in: the page Mappe shows at the end (signed in, or why not). */
        public Api.Response signIn(String mappe, String organisationId, String username, String claimsJson) {
            return get(untilCallback(mappe, organisationId, username, claimsJson));
        }

        public Api.Response get(URI uri) {
            return send(HttpRequest.newBuilder(uri).GET());
        }

        public Api.Response postForm(URI uri, Map<String, String> fields) {
            String body = fields.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        /** The names of the cookies this browser holds for a host. */
        public List<String> cookieNames() {
            return ((CookieManager) client.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                    .map(java.net.HttpCookie::getName).toList();
        }

        private Api.Response send(HttpRequest.Builder request) {
            try {
                HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                return new Api.Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                        response.headers().map(), response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
