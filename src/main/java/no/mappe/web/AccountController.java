package no.mappe.web;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.mappe.security.Account;
import no.mappe.security.Session;
import no.mappe.security.Sessions;

/** One's own account through the API: the session list, ending sessions, changing the password. */
final class AccountController {

    private final Account account;
    private final SessionFilter sessionFilter;

    AccountController(Account account, SessionFilter sessionFilter) {
        this.account = account;
        this.sessionFilter = sessionFilter;
    }

    void sessions(Context ctx) {
        Session current = Requests.session(ctx);
        List<Map<String, Object>> list = account.sessions(current).stream().map(summary -> describe(summary, current)).toList();
        ctx.json(Map.of("sessions", list));
    }

    void endSession(Context ctx) {
        Session current = Requests.session(ctx);
        String sessionId = ctx.pathParam("sessionId");
        account.endSession(current, sessionId);
        if (sessionId.equals(current.id())) {
            sessionFilter.clearCookie(ctx);
        }
        ctx.status(204);
    }

    void endAll(Context ctx) {
        account.endEverywhere(Requests.session(ctx));
        sessionFilter.clearCookie(ctx);
        ctx.status(204);
    }

    void changePassword(Context ctx) {
        PasswordChange change = Requests.body(ctx, PasswordChange.class);
        account.changePassword(Requests.session(ctx), change.currentPassword(), change.newPassword());
        ctx.status(204);
    }

    static Map<String, Object> describe(Sessions.SessionSummary summary, Session current) {
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("id", summary.id());
        session.put("device", summary.device().description());
        session.put("browser", summary.device().browser());
        session.put("system", summary.device().system());
        session.put("createdAt", summary.createdAt());
        session.put("lastSeen", summary.lastSeen());
        session.put("secondFactor", summary.secondFactorPassed());
        session.put("current", summary.id().equals(current.id()));
        return session;
    }

    record PasswordChange(String currentPassword, String newPassword) {
    }
}
