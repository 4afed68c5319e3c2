package no.mappe.sso;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import no.mappe.archive.MasterKey;
import no.mappe.audit.AuditEvent;
import no.mappe.audit.AuditLog;
import no.mappe.db.Database;
import no.mappe.keys.EncryptedColumns;
import no.mappe.errors.SignInRefused;
import no.mappe.errors.SignInRefused.Reason;
import no.mappe.security.Caller;
import no.mappe.security.Directory;
import no.mappe.security.Role;
import no.mappe.security.Session;
import no.mappe.security.Sessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing in with the organisation's own identity provider: OpenID Connect's authorisation code
 * flow with PKCE, state and nonce. {@link #begin} remembers the flow and names where to send the
 * browser; {@link #complete} takes the provider's answer, exchanges the code, validates the ID
 * token in full (signature against the provider's keys, issuer, audience, expiry and issue time
 * with a minute's clock skew, nonce), maps the role and starts a session. Such a session counts as
 * strong sign-in: the provider did the authentication, second factor included.
 */
public final class SingleSignOn {

    /** Clocks of the provider and of Mappe may disagree by this much. */
    static final int CLOCK_SKEW_SECONDS = 60;
    private static final Logger LOG = LoggerFactory.getLogger(SingleSignOn.class);
    private static final String ACTOR = "single-sign-on";
    /** Signatures by the provider's own key pair only: never "none", never a MAC keyed with the client secret. */
    private static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    /** What the provider sent back to the callback address. */
    public record Answer(String state, String code, String error) {
    }

    private final SignInProviders providers;
    private final Discovery discovery;
    private final SignInFlows flows;
    private final AccountLinks links;
    private final Database database;
    private final Directory directory;
    private final Sessions sessions;
    private final AuditLog audit;

    public SingleSignOn(Database database, Directory directory, SignInProviders providers, Discovery discovery, MasterKey masterKey,
                        Sessions sessions, AuditLog audit, Clock clock) {
        this.database = database;
        this.directory = directory;
        this.providers = providers;
        this.discovery = discovery;
        this.flows = new SignInFlows(database, clock);
        this.links = new AccountLinks(directory, masterKey.blindIndex(EncryptedColumns.SIGN_IN_SUBJECT_INDEX),
                masterKey.fieldCipher(EncryptedColumns.SIGN_IN_SUBJECT), audit, clock);
        this.sessions = sessions;
        this.audit = audit;
    }

    /** The organisation's name for pages about its sign-in; empty when it has no single sign-on. */
    public Optional<String> organisationName(String organisationId) {
        return providers.settings(organisationId).flatMap(settings -> providers.organisationName(organisationId));
    }

    /**
     * Starts a sign-in for the browser holding {@code browserSecret} and returns the provider's
     * authorisation address to send it to. The answer must come back to {@code redirectUri}.
     */
    public URI begin(String organisationId, String browserSecret, URI redirectUri) {
        SignInSettings settings = providers.settings(organisationId).orElseThrow(() -> new SignInRefused(Reason.NOT_CONFIGURED,
                "This organisation does not sign in with its own identity provider"));
        OIDCProviderMetadata metadata = discovery.provider(settings.issuer()).metadata();
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        flows.start(state.getValue(), browserSecret, organisationId, settings.issuer(), nonce.getValue(), verifier.getValue(),
                redirectUri.toString());
        return new AuthenticationRequest.Builder(ResponseType.CODE, new Scope(settings.scopes().toArray(String[]::new)),
                new ClientID(settings.clientId()), redirectUri)
                .endpointURI(metadata.getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build()
                .toURI();
    }

    /**
     * Finishes a sign-in from the provider's answer, arriving at the callback of
     * {@code organisationId} in the browser holding {@code browserSecret}; refuses with a reason
     * (and audits it when the organisation is known) otherwise. No session exists unless this returns.
     */
    public Session complete(String organisationId, String browserSecret, Answer answer) {
        try {
            return signIn(organisationId, browserSecret, answer);
        } catch (SignInRefused refused) {
            // The messages name no person (no claim values), only what failed; the operator needs them when a provider misbehaves.
            if (refused.reason() == Reason.PROVIDER_UNREACHABLE) {
                LOG.warn("Single sign-on for organisation {} refused: {}", organisationId, refused.getMessage(), refused.getCause());
            } else {
                LOG.info("Single sign-on for organisation {} refused: {}", organisationId, refused.getMessage());
            }
            if (refused.reason() != Reason.NOT_CONFIGURED && providers.organisationName(organisationId).isPresent()) {
                audit.record(AuditEvent.of(organisationId, ACTOR, "sign-in-refused").on("organisation", organisationId)
                        .withDetail(refused.reason().code() + ": " + refused.getMessage()));
            }
            throw refused;
        }
    }

    private Session signIn(String organisationId, String browserSecret, Answer answer) {
        if (answer.state() == null || answer.state().isBlank()) {
            throw new SignInRefused(Reason.FLOW_INVALID, "The answer carries no state");
        }
        SignInFlows.Flow flow = flows.take(answer.state()).orElseThrow(() -> new SignInRefused(Reason.FLOW_INVALID,
                "The state matches no sign-in under way: it was used already, took too long, or never started here"));
        if (!SignInFlows.sameBrowser(flow, browserSecret)) {
            throw new SignInRefused(Reason.FLOW_INVALID, "The answer arrived in another browser than the one that started the sign-in");
        }
        if (!flow.organisationId().equals(organisationId)) {
            throw new SignInRefused(Reason.FLOW_INVALID, "The answer belongs to a sign-in of another organisation");
        }
        if (flows.expired(flow)) {
            throw new SignInRefused(Reason.FLOW_INVALID, "The sign-in took longer than " + SignInFlows.LIFETIME.toMinutes() + " minutes");
        }
        if (answer.error() != null && !answer.error().isBlank()) {
            String error = answer.error().replaceAll("[^A-Za-z0-9_.-]", "");
            throw new SignInRefused(Reason.PROVIDER_ERROR, "The identity provider answered with the error "
                    + error.substring(0, Math.min(error.length(), 80)));
        }
        if (answer.code() == null || answer.code().isBlank()) {
            throw new SignInRefused(Reason.PROVIDER_ERROR, "The identity provider's answer carries no code");
        }
        SignInSettings settings = providers.settings(organisationId).orElseThrow(() -> new SignInRefused(Reason.NOT_CONFIGURED,
                "This organisation no longer signs in with its own identity provider"));
        if (!settings.issuer().equals(flow.issuer())) {
            throw new SignInRefused(Reason.FLOW_INVALID, "The organisation's identity provider changed during the sign-in");
        }
        Discovery.Provider provider = discovery.provider(settings.issuer());
        JWT idToken = exchange(provider.metadata(), settings, answer.code(), flow);
        IDTokenClaimsSet claims = validate(provider, settings, idToken, flow.nonce());

        Optional<Role> mappedRole = settings.roleClaim() == null ? Optional.empty()
                : RoleMapping.roleFor(claims.getClaim(settings.roleClaim()), settings.roles());
        if (settings.roleClaim() != null && mappedRole.isEmpty()) {
            throw new SignInRefused(Reason.NO_ROLE, "None of the account's " + settings.roleClaim() + " is mapped to a Mappe role");
        }
        AccountLinks.Account account = new AccountLinks.Account(settings.issuer(), claims.getSubject().getValue(),
                matchValue(claims, settings), text(claims, "preferred_username").or(() -> text(claims, "email")),
                text(claims, settings.nameClaim()).orElse(""), mappedRole);
        AccountLinks.Resolved user = database.write(connection -> {
            AccountLinks.Resolved resolved = links.resolve(connection, organisationId, settings, account);
            audit.append(connection, AuditEvent.of(organisationId, resolved.userId(), "login").on("user", resolved.userId())
                    .withDetail("single sign-on, " + settings.issuer()));
            return resolved;
        });
        sessions.purgeExpired();
        return sessions.start(new Caller(user.userId(), organisationId, user.role(), directory.displayName(user.userId())));
    }

    /** Exchanges the code for tokens at the provider's token endpoint, with the PKCE verifier and the client's credentials. */
    private static JWT exchange(OIDCProviderMetadata metadata, SignInSettings settings, String code, SignInFlows.Flow flow) {
        AuthorizationCodeGrant grant = new AuthorizationCodeGrant(new AuthorizationCode(code), URI.create(flow.redirectUri()),
                new CodeVerifier(flow.codeVerifier()));
        ClientID client = new ClientID(settings.clientId());
        TokenRequest request = settings.clientSecret() == null
                ? new TokenRequest(metadata.getTokenEndpointURI(), client, grant)
                : new TokenRequest(metadata.getTokenEndpointURI(), authentication(metadata, client, new Secret(settings.clientSecret())),
                grant);
        HTTPRequest http = request.toHTTPRequest();
        http.setConnectTimeout(Discovery.CONNECT_TIMEOUT_MS);
        http.setReadTimeout(Discovery.READ_TIMEOUT_MS);
        try {
            HTTPResponse response = http.send();
            if (!response.indicatesSuccess()) {
                String error = TokenErrorResponse.parse(response).getErrorObject().getCode();
                throw new SignInRefused(Reason.PROVIDER_ERROR, "The identity provider refused the code (" + error + ")");
            }
            // Only the ID token is used: Mappe calls no API with the access token, so the rest of the
            // answer (token type, expires_in, refresh token) is not its concern and is not checked.
            String idToken = JSONObjectUtils.getString(response.getBodyAsJSONObject(), "id_token", null);
            if (idToken == null) {
                throw new SignInRefused(Reason.TOKEN_INVALID, "The identity provider sent no ID token");
            }
            return JWTParser.parse(idToken);
        } catch (IOException | ParseException | java.text.ParseException e) {
            throw new SignInRefused(Reason.PROVIDER_UNREACHABLE, "The identity provider's token endpoint did not answer usably: "
                    + e.getMessage(), e);
        }
    }

    /** client_secret_basic unless the provider offers only client_secret_post. */
    private static ClientAuthentication authentication(OIDCProviderMetadata metadata, ClientID client, Secret secret) {
        List<ClientAuthenticationMethod> offered = metadata.getTokenEndpointAuthMethods();
        boolean postOnly = offered != null && !offered.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                && offered.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        return postOnly ? new ClientSecretPost(client, secret) : new ClientSecretBasic(client, secret);
    }

    private static IDTokenClaimsSet validate(Discovery.Provider provider, SignInSettings settings, JWT idToken, String nonce) {
        Set<JWSAlgorithm> algorithms = new HashSet<>(ASYMMETRIC);
        if (provider.metadata().getIDTokenJWSAlgs() != null) {
            algorithms.retainAll(provider.metadata().getIDTokenJWSAlgs());
        }
        if (algorithms.isEmpty()) {
            throw new SignInRefused(Reason.PROVIDER_UNREACHABLE, "The identity provider signs ID tokens with no algorithm Mappe accepts"
                    + " (RS, PS or ES)");
        }
        IDTokenValidator validator = new IDTokenValidator(new Issuer(settings.issuer()), new ClientID(settings.clientId()),
                new JWSVerificationKeySelector<SecurityContext>(algorithms, provider.keys()), null);
        validator.setMaxClockSkew(CLOCK_SKEW_SECONDS);
        try {
            return validator.validate(idToken, new Nonce(nonce));
        } catch (BadJOSEException | JOSEException e) {
            throw new SignInRefused(Reason.TOKEN_INVALID, "The ID token is not valid: " + whatFailed(e.getMessage()), e);
        }
    }

    /** The failed check in a few words, without the token's values (they may name the person). */
    private static String whatFailed(String message) {
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (text.contains("expired")) {
            return "expired";
        }
        if (text.contains("audience")) {
            return "issued for another client (audience)";
        }
        if (text.contains("issuer")) {
            return "issued by another issuer";
        }
        if (text.contains("nonce")) {
            return "its nonce does not match this sign-in";
        }
        if (text.contains("iat") || text.contains("issue time") || text.contains("future")) {
            return "issued in the future";
        }
        if (text.contains("signature") || text.contains("key")) {
            return "its signature does not verify against the provider's keys";
        }
        return "it failed validation";
    }

    /**
     * The match claim's value, unless the provider says it is not verified (an e-mail address the
     * person typed in themselves must not find someone else's user).
     */
    private static Optional<String> matchValue(IDTokenClaimsSet claims, SignInSettings settings) {
        if (settings.matchClaim() == null) {
            return Optional.empty();
        }
        Object verified = claims.getClaim("email_verified");
        if ("email".equals(settings.matchClaim()) && (Boolean.FALSE.equals(verified) || "false".equals(verified))) {
            return Optional.empty();
        }
        return text(claims, settings.matchClaim());
    }

    private static Optional<String> text(IDTokenClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String string && !string.isBlank() ? Optional.of(string.strip()) : Optional.empty();
    }
}
