package no.mappe.web;

import java.util.Map;
import java.util.Set;
import no.mappe.security.SecondFactors.Step;

/**
 * What a session that has not finished signing in may reach: with a password alone, only the
 * second step (or, when the role requires a second factor that is not set up yet, only setting one
 * up), who am I, and signing out. Both filters ask here; the API answers 403 with what to do,
 * the pages send the browser to the step's page.
 */
final class SignInGate {

    private static final Map<Step, Set<String>> API = Map.of(
            Step.SECOND_FACTOR, Set.of("/api/login/second-factor", "/api/me", "/api/logout"),
            Step.ENROLMENT, Set.of("/api/me/second-factor", "/api/me/second-factor/confirm", "/api/me", "/api/logout"));
    private static final Map<Step, Set<String>> PAGES = Map.of(
            Step.SECOND_FACTOR, Set.of("/login/second-factor", "/logout"),
            Step.ENROLMENT, Set.of("/account/second-factor", "/logout"));

    private SignInGate() {
    }

    static boolean allowsApi(Step step, String path) {
        return step == Step.DONE || API.get(step).contains(path);
    }

    static boolean allowsPage(Step step, String path) {
        return step == Step.DONE || PAGES.get(step).contains(path);
    }

    /** The page where the browser finishes signing in. */
    static String pageFor(Step step) {
        return step == Step.ENROLMENT ? "/account/second-factor" : "/login/second-factor";
    }

    /** The problem detail for an API request the session may not make yet. */
    static String refusal(Step step) {
        return step == Step.ENROLMENT
                ? "Your role signs in with a second factor, and it is not set up yet: set it up first (POST /api/me/second-factor,"
                        + " then POST /api/me/second-factor/confirm with a code from your authenticator app),"
                        + " or on the page /account/second-factor"
                : "Finish signing in first: send the code from your authenticator app (or a recovery code)"
                        + " to POST /api/login/second-factor";
    }

    /** The API name of a step: what the client does next. */
    static String code(Step step) {
        return switch (step) {
            case DONE -> "done";
            case SECOND_FACTOR -> "second-factor";
            case ENROLMENT -> "second-factor-enrolment";
        };
    }
}
