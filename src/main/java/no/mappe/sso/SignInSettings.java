package no.mappe.sso;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import no.mappe.errors.InvalidFields;
import no.mappe.errors.InvalidFields.FieldError;
import no.mappe.security.Role;

/**
 * How one organisation signs in with its own identity provider (OpenID Connect), as the leader
 * sends it. {@code clientSecret} is write-only: absent on a change keeps the stored one, an empty
 * string removes it (a public client).
 *
 * @param issuer      the provider's issuer URL; its discovery document is read from {@code /.well-known/openid-configuration}
 * @param scopes      requested scopes; {@code openid} is always added
 * @param roleClaim   the claim that carries groups or roles ("groups", "roles"); null keeps the role a user has in Mappe
 * @param roles       claim value -> Mappe role code
 * @param nameClaim   the claim shown as the user's name ("name" unless told)
 * @param newUsers    {@code create}: an unknown user is created at first sign-in with the mapped role;
 *                    {@code existing}: only users already in Mappe may sign in
 * @param matchClaim  a claim compared with the usernames of existing users at a first sign-in (e.g. "email"); null: none
 */
// What GET answers besides the settings may be sent back unchanged with a PUT.
@JsonIgnoreProperties(value = {"clientSecretStored", "redirectUri", "loginUrl"}, allowGetters = false)
public record SignInSettings(String issuer, String clientId, String clientSecret, List<String> scopes, String roleClaim,
                             Map<String, String> roles, String nameClaim, String newUsers, String matchClaim) {

    public static final String CREATE = "create";
    public static final String EXISTING = "existing";
    private static final Pattern CLAIM = Pattern.compile("[A-Za-z0-9_:./-]{1,200}");
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,200}");
    private static final int MAX_TEXT = 500;
    private static final int MAX_ROLES = 100;

    /** The settings checked and in their stored shape (openid first among the scopes, defaults filled in), or 422 naming each field. */
    public SignInSettings validated() {
        List<FieldError> errors = new ArrayList<>();
        String cleanIssuer = issuer == null ? "" : issuer.strip();
        String issuerProblem = issuerProblem(cleanIssuer);
        if (issuerProblem != null) {
            errors.add(new FieldError("issuer", issuerProblem));
        }
        if (clientId == null || clientId.isBlank()) {
            errors.add(new FieldError("clientId", "is required: the client (application) id registered at the identity provider"));
        } else if (clientId.length() > MAX_TEXT) {
            errors.add(new FieldError("clientId", "must be at most " + MAX_TEXT + " characters"));
        }
        if (clientSecret != null && clientSecret.length() > 4 * MAX_TEXT) {
            errors.add(new FieldError("clientSecret", "must be at most " + 4 * MAX_TEXT + " characters"));
        }
        Set<String> cleanScopes = new LinkedHashSet<>(List.of("openid"));
        for (String scope : scopes == null ? List.<String>of() : scopes) {
            if (scope == null || !SCOPE.matcher(scope).matches()) {
                errors.add(new FieldError("scopes",
                        "must be scope names without spaces or quotes, e.g. [\"openid\", \"profile\", \"email\"]"));
                break;
            }
            cleanScopes.add(scope);
        }
        String cleanRoleClaim = roleClaim == null || roleClaim.isBlank() ? null : roleClaim.strip();
        if (cleanRoleClaim != null && !CLAIM.matcher(cleanRoleClaim).matches()) {
            errors.add(new FieldError("roleClaim", "must be a claim name such as groups or roles"));
        }
        Map<String, String> cleanRoles = new LinkedHashMap<>();
        if (roles != null && roles.size() > MAX_ROLES) {
            errors.add(new FieldError("roles", "may map at most " + MAX_ROLES + " values"));
        } else if (roles != null) {
            roles.forEach((value, role) -> {
                if (value == null || value.isBlank() || value.length() > MAX_TEXT) {
                    errors.add(new FieldError("roles", "each group or role value must be 1 to " + MAX_TEXT + " characters"));
                } else if (!roleCodes().contains(role)) {
                    errors.add(new FieldError("roles." + value, "must be one of " + String.join(", ", roleCodes())));
                } else {
                    cleanRoles.put(value.strip(), role);
                }
            });
        }
        if (cleanRoleClaim != null && cleanRoles.isEmpty() && (roles == null || roles.isEmpty())) {
            errors.add(new FieldError("roles",
                    "must map at least one value of " + cleanRoleClaim + " to a role, e.g. {\"<group id>\": \"leader\"}"));
        }
        if (cleanRoleClaim == null && roles != null && !roles.isEmpty()) {
            errors.add(new FieldError("roleClaim",
                    "is required when roles are mapped: the claim that carries the values (groups or roles)"));
        }
        String cleanNameClaim = nameClaim == null || nameClaim.isBlank() ? "name" : nameClaim.strip();
        if (!CLAIM.matcher(cleanNameClaim).matches()) {
            errors.add(new FieldError("nameClaim", "must be a claim name such as name"));
        }
        String cleanNewUsers = newUsers == null || newUsers.isBlank() ? EXISTING : newUsers.strip().toLowerCase(Locale.ROOT);
        if (!cleanNewUsers.equals(CREATE) && !cleanNewUsers.equals(EXISTING)) {
            errors.add(new FieldError("newUsers", "must be create (unknown users are created at their first sign-in) or existing"));
        } else if (cleanNewUsers.equals(CREATE) && cleanRoleClaim == null) {
            errors.add(new FieldError("newUsers", "can be create only with a roleClaim and roles: a new user needs a mapped role"));
        }
        String cleanMatchClaim = matchClaim == null || matchClaim.isBlank() ? null : matchClaim.strip();
        if (cleanMatchClaim != null && !CLAIM.matcher(cleanMatchClaim).matches()) {
            errors.add(new FieldError("matchClaim", "must be a claim name such as email or preferred_username"));
        }
        if (cleanMatchClaim == null && cleanNewUsers.equals(EXISTING)) {
            errors.add(new FieldError("matchClaim", "is required when newUsers is existing: the claim that names the user's Mappe"
                    + " username (e.g. email), so a first sign-in finds the user"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidFields(errors);
        }
        return new SignInSettings(cleanIssuer, clientId.strip(), clientSecret, List.copyOf(cleanScopes),
                cleanRoleClaim, Map.copyOf(cleanRoles), cleanNameClaim, cleanNewUsers, cleanMatchClaim);
    }

    /** A copy without the secret, for answers. */
    public SignInSettings withoutSecret() {
        return new SignInSettings(issuer, clientId, null, scopes, roleClaim, roles, nameClaim, newUsers, matchClaim);
    }

    SignInSettings withSecret(String secret) {
        return new SignInSettings(issuer, clientId, secret, scopes, roleClaim, roles, nameClaim, newUsers, matchClaim);
    }

    public boolean createsUsers() {
        return CREATE.equals(newUsers);
    }

    private static List<String> roleCodes() {
        return java.util.Arrays.stream(Role.values()).map(Role::code).toList();
    }

    /**
     * An issuer is an https URL without query or fragment, kept exactly as written: the discovery
     * document must name the same issuer character for character (ID-porten's ends with a slash,
     * Entra ID's does not). Plain http is allowed only on this machine (a provider run by tests).
     */
    private static String issuerProblem(String issuer) {
        if (issuer.isEmpty()) {
            return "is required: the identity provider's issuer URL, e.g. https://login.microsoftonline.com/<tenant id>/v2.0";
        }
        try {
            URI uri = new URI(issuer);
            boolean loopback = "localhost".equalsIgnoreCase(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
            if (!"https".equalsIgnoreCase(uri.getScheme()) && !("http".equalsIgnoreCase(uri.getScheme()) && loopback)) {
                return "must be an https URL";
            }
            if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                return "must be a URL with a host and without query, fragment or user name";
            }
            return issuer.length() > MAX_TEXT ? "must be at most " + MAX_TEXT + " characters" : null;
        } catch (URISyntaxException e) {
            return "is not a URL";
        }
    }
}
