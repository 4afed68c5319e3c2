package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.mappe.testing.Api;
import no.mappe.testing.DrawnSignatures;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A counsellor makes documents above their own level (a complaint, a confidentiality declaration,
 * both level 4) and collects the signatures; once signed such a document is readable only at its
 * level, and the counsellor sees only that it exists and is signed: title, date and status.
 */
class AboveOwnLevelTest {

    private static final String COMPLAINT = """
            {"template": "complaint", "fields": {"receivedDate": "2026-03-02", "about": "oppfolging",
             "description": "Fikk ikke svar på henvendelser i tre uker."}}""";
    private static final String CONFIDENTIALITY = """
            {"template": "confidentiality", "fields": {"role": "deltaker", "startDate": "2026-03-02"}}""";

    @TempDir
    static Path dataDir;
    private static MappeServer server;

    @BeforeAll
    static void start() {
        server = MappeServer.start(dataDir, Map.of());
    }

    /** A case of its own for each test, so what one test seals away is not seen by another. */
    private static String newCase() {
        return server.login("veileder").post("/api/cases", """
                {"participant": {"name": "Hevet Nivåsen", "birthDate": "1985-04-04"}, "programme": "AFT", "startDate": "2026-01-05"}""")
                .json().get("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theCounsellorWritesAComplaintWithTheParticipantAndLosesSightOfItOnceSigned() {
        Api counsellor = server.login("veileder");
        String caseId = newCase();
        Api.Response created = counsellor.post("/api/cases/" + caseId + "/documents", COMPLAINT);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.json().get("accessLevel").asInt()).isEqualTo(4);
        assertThat(counsellor.get("/api/documents/" + id).status()).as("in hand while unsigned").isEqualTo(200);
        assertThat(counsellor.get("/api/documents/" + id + "/pdf").status()).isEqualTo(200);
        assertThat(ids(counsellor.get("/api/cases/" + caseId + "/documents").json().get("documents"))).contains(id);
        assertThat(server.login("veileder2").get("/api/documents/" + id).status()).as("not another counsellor's").isEqualTo(404);
        assertThat(server.login("fagleder").get("/api/documents/" + id).status()).as("level 3 did not make it").isEqualTo(404);
        assertThat(counsellor.put("/api/documents/" + id + "/access-level", "{\"accessLevel\": 1}").status())
                .as("it cannot be moved down by someone below its level").isEqualTo(403);

        Api.Response signed = counsellor.post("/api/documents/" + id + "/signatures", DrawnSignatures.body("participant"));
        assertThat(signed.status()).as(signed.toString()).isEqualTo(201);
        assertThat(signed.json().get("status").asText()).isEqualTo("signed");

        for (String endpoint : List.of("", "/pdf", "/docx", "/signatures", "/verification", "/versions/1/pdf")) {
            assertThat(counsellor.get("/api/documents/" + id + endpoint).status()).as("signed: " + endpoint).isEqualTo(404);
        }
        JsonNode listed = counsellor.get("/api/cases/" + caseId + "/documents").json();
        assertThat(ids(listed.get("documents"))).doesNotContain(id);
        assertThat(listed.get("sealedAway")).hasSize(1);
        JsonNode sealed = listed.get("sealedAway").get(0);
        assertThat(sealed.get("title").asText()).isEqualTo("Klageskjema");
        assertThat(sealed.get("status").asText()).isEqualTo("signed");
        assertThat(sealed.get("documentDate").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(sealed.has("id")).as("nothing to open it by").isFalse();
        assertThat(counsellor.post("/api/documents/" + id + "/addendum", "{\"text\": \"Tillegg.\"}").status()).isEqualTo(404);

        assertThat(server.login("leder").get("/api/documents/" + id + "/pdf").status()).as("the leader reads it").isEqualTo(200);
        assertThat(server.login("ledergruppe").get("/api/documents/" + id).status()).as("the management group too").isEqualTo(200);
        assertThat(server.login("leder").get("/api/cases/" + caseId + "/documents").json().get("sealedAway"))
                .as("nothing sealed away from the leader").isEmpty();
    }

    @Test
    void theCasePageNamesTheSignedDocumentButDoesNotLinkToItAndSigningFromThePageReturnsThere() {
        Api counsellor = server.login("veileder");
        String caseId = newCase();
        String id = counsellor.post("/api/cases/" + caseId + "/documents", CONFIDENTIALITY).json().get("id").asText();
        assertThat(counsellor.get("/cases/" + caseId).body()).contains("/documents/" + id);
        Api.Response participant = counsellor.postRaw("/documents/" + id + "/sign", "signer=participant&image="
                + java.net.URLEncoder.encode(image(), java.nio.charset.StandardCharsets.UTF_8), "application/x-www-form-urlencoded", true);
        assertThat(participant.status()).isEqualTo(303);
        assertThat(participant.header("Location")).isEqualTo("/documents/" + id);
        Api.Response leader = server.login("leder").post("/api/documents/" + id + "/signatures", DrawnSignatures.body("leader"));
        assertThat(leader.json().get("status").asText()).isEqualTo("signed");

        String page = counsellor.get("/cases/" + caseId).body();
        assertThat(page).doesNotContain("/documents/" + id).contains("Taushetserklæring", "Signert og lagt i ledelsens arkiv");
        assertThat(counsellor.get("/documents/" + id).status()).isEqualTo(404);
    }

    @Test
    void signingTheLastSignatureFromThePageGoesBackToTheCaseWithASuccessMessage() {
        Api counsellor = server.login("veileder");
        String caseId = newCase();
        String id = counsellor.post("/api/cases/" + caseId + "/documents", COMPLAINT).json().get("id").asText();
        Api.Response answer = counsellor.postRaw("/documents/" + id + "/sign", "signer=participant&image="
                + java.net.URLEncoder.encode(image(), java.nio.charset.StandardCharsets.UTF_8), "application/x-www-form-urlencoded", true);
        assertThat(answer.status()).as(answer.body()).isEqualTo(303);
        assertThat(answer.header("Location")).isEqualTo("/cases/" + caseId + "#documents-heading");
        assertThat(counsellor.get("/cases/" + caseId).body()).contains("Dokumentet er signert og lagt i ledelsens arkiv");
    }

    @Test
    void aDocumentTheLeaderMovesAboveTheCounsellorsLevelIsNotInTheirHand() {
        Api counsellor = server.login("veileder");
        String caseId = newCase();
        String id = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "consent", "fields": {"recipients": ["NAV"], "purpose": "Samarbeid."}}""").json().get("id").asText();
        assertThat(server.login("leder").put("/api/documents/" + id + "/access-level", "{\"accessLevel\": 4}").status()).isEqualTo(200);
        assertThat(counsellor.get("/api/documents/" + id).status()).isEqualTo(404);
        String complaint = counsellor.post("/api/cases/" + caseId + "/documents", COMPLAINT).json().get("id").asText();
        assertThat(server.login("leder").put("/api/documents/" + complaint + "/access-level", "{\"accessLevel\": 4}").status())
                .isEqualTo(200);
        assertThat(counsellor.get("/api/documents/" + complaint).status()).as("moved by the leader: out of hand").isEqualTo(404);
    }

    @Test
    void officeStaffAndOrdinaryEmployeesStillCreateNothing() {
        String caseId = newCase();
        for (String username : List.of("kontor", "arbeidsleder")) {
            assertThat(server.login(username).post("/api/cases/" + caseId + "/documents", COMPLAINT).status()).isEqualTo(403);
        }
    }

    private static String image() {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(DrawnSignatures.body("participant")).get("image").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> ids(JsonNode documents) {
        List<String> ids = new ArrayList<>();
        documents.forEach(document -> ids.add(document.get("id").asText()));
        return ids;
    }
}
