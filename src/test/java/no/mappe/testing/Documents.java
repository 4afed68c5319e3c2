package no.mappe.testing;

/** The documents tests make most often, over the API as a counsellor makes them. */
public final class Documents {

    private Documents() {
    }

    /** The id of the first case the user sees: one of the demo's cases for a demo user. */
    public static String firstCase(Api api) {
        return api.get("/api/cases").json().get("cases").get(0).get("id").asText();
    }

    /** A consent form to NAV in the case, with this purpose; the answer as the API gives it. */
    public static Api.Response consent(Api api, String caseId, String purpose) {
        return api.post("/api/cases/" + caseId + "/documents", """
                {"template": "consent", "fields": {"recipients": ["NAV"], "purpose": "%s"}}""".formatted(purpose));
    }
}
