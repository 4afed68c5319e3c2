package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import no.mappe.testing.Api;
import no.mappe.testing.DrawnSignatures;
import no.mappe.testing.MappeServer;
import no.mappe.testing.PdfChecks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One signature, one form, over real HTTP: the welcome folder states how far the case's separately
 * signed forms have come, read from the case's documents when it is generated, and signing the
 * folder signs nothing else.
 */
class WelcomeFolderFormsTest {

    private static final String WELCOME_FOLDER = "{\"template\": \"welcome-folder\", \"fields\": {\"reviewedPractical\": true}}";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    @TempDir
    static Path dataDir;
    private static MappeServer server;
    private static Api counsellor;
    private static Api leader;

    @BeforeAll
    static void start() {
        server = MappeServer.start(dataDir);
        counsellor = server.login("veileder");
        leader = server.login("leder");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theFolderStatesTheRealStateOfTheCasesFormsWhenItIsMade() {
        String caseId = newCase();
        String before = folderText(caseId);
        assertThat(before).contains("Taushetserklæring Ikke laget ennå", "Samtykkeerklæring Ikke laget ennå",
                "Kvittering for arbeidstøy og utstyr Ikke laget ennå", "Deltakeravtale eller arbeidsavtale Ikke laget ennå");

        String confidentiality = create(caseId, """
                {"template": "confidentiality", "fields": {"role": "deltaker", "startDate": "2026-03-02"}}""");
        sign(counsellor, confidentiality, "participant");
        assertThat(folderText(caseId)).as("the participant has signed, the leader not yet")
                .contains("Taushetserklæring Signeringen er i gang; ikke alle har signert ennå");
        assertThat(sign(leader, confidentiality, "leader").get("status").asText()).isEqualTo("signed");
        create(caseId, """
                {"template": "participation-agreement", "fields": {"startDate": "2026-03-02", "workplace": "Lageret",
                 "contactPerson": "Geir Åsli", "workingHours": "08.00-15.00", "tasks": "Lager og pakking.",
                 "goals": ["Stabilt oppmøte"]}}""");

        // Above the counsellor's level now, in the leader's cabinet: the folder tells it is signed, and when; nothing more.
        JsonNode sealed = leader.get("/api/documents/" + confidentiality).json().get("versions").get(1);
        // The organisation's day, as the folder gives it, not the machine's.
        String signedOn = DAY.format(Instant.parse(sealed.get("createdAt").asText()).atZone(no.mappe.security.TimeZones.defaultFor("nb")));
        String after = folderText(caseId);
        assertThat(after).contains("Taushetserklæring Signert " + signedOn, "Deltakeravtale Laget, ikke signert ennå",
                "Samtykkeerklæring Ikke laget ennå");
        assertThat(after).doesNotContain("Gjelder fra 02.03.2026");
    }

    @Test
    void signingTheWelcomeFolderSignsOnlyTheFolderNeverTheConsent() {
        String caseId = newCase();
        String consent = create(caseId, """
                {"template": "consent", "fields": {"recipients": ["NAV Heimdal"], "purpose": "Samarbeid om oppfølgingen."}}""");
        // A client that still sends the retired "consent signed" box cannot make the folder say so.
        String folder = create(caseId, """
                {"template": "welcome-folder", "fields": {"reviewedPractical": true, "signedConsent": true}}""");
        assertThat(sign(counsellor, folder, "participant").get("status").asText()).isEqualTo("awaiting-signatures");
        assertThat(sign(counsellor, folder, "counsellor").get("status").asText()).isEqualTo("signed");

        String sealed = PdfChecks.flatText(counsellor.get("/api/documents/" + folder + "/pdf").bytes());
        assertThat(sealed.split("Sted, dato og underskrift", -1)).as("one block: a line for each of its two signers").hasSize(3);
        assertThat(sealed).contains("Samtykkeerklæring Laget, ikke signert ennå").doesNotContain("NAV Heimdal");

        JsonNode status = counsellor.get("/api/documents/" + consent + "/signatures").json();
        assertThat(status.get("status").asText()).as("the consent is untouched").isEqualTo("draft");
        assertThat(status.get("signed")).isEmpty();
        assertThat(status.get("missing")).extracting(JsonNode::asText).containsExactly("participant", "counsellor");
        assertThat(counsellor.get("/api/documents/" + consent).json().get("versions")).hasSize(1);
        assertThat(folderText(caseId)).as("a folder made afterwards").contains("Samtykkeerklæring Laget, ikke signert ennå")
                .doesNotContain("Samtykkeerklæring Signert");
    }

    /**
     * A draft stored before the welcome folder lost its "signed" check boxes keeps their values; its edit
     * form shows the fields the template has now, with their values, and offers nothing of the old ones.
     */
    @Test
    void aDraftStoredWithTheRemovedCheckBoxesStillOpensInTheEditForm() {
        no.mappe.templates.TemplateManifest manifest = server.app().catalogue().find(
                no.mappe.demo.DemoData.NORWEGIAN_ORGANISATION, "welcome-folder").orElseThrow().manifest();
        java.util.Map<String, Object> stored = java.util.Map.of("department", "Kantina", "reviewedPractical", true,
                "signedConfidentiality", true, "signedConsent", true, "signedAgreement", false, "equipmentHandedOut", true);
        java.time.LocalDate today = java.time.LocalDate.of(2026, 11, 30); // the organisation's date, as the page gives it
        java.util.List<java.util.Map<String, Object>> form = DocumentForm.view(manifest, "nb", stored, java.util.Map.of(), today);
        assertThat(form).extracting(field -> field.get("name")).contains("field.department", "field.reviewedPractical")
                .doesNotContain("field.signedConfidentiality", "field.signedConsent", "field.signedAgreement", "field.equipmentHandedOut");
        assertThat(form).filteredOn(field -> "field.department".equals(field.get("name"))).extracting(field -> field.get("value"))
                .containsExactly("Kantina");
        assertThat(form).filteredOn(field -> "field.reviewedOn".equals(field.get("name"))).extracting(field -> field.get("max"))
                .as("a date that has happened may be today at the latest, on the organisation's calendar").containsExactly("2026-11-30");
    }

    private static String newCase() {
        return counsellor.post("/api/cases", """
                {"participant": {"name": "Vilde Åsen Ørn", "birthDate": "1994-06-17"}, "programme": "AFT", "startDate": "2026-03-02"}""")
                .json().get("id").asText();
    }

    private static String create(String caseId, String request) {
        Api.Response created = counsellor.post("/api/cases/" + caseId + "/documents", request);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static JsonNode sign(Api who, String documentId, String signer) {
        Api.Response signed = who.post("/api/documents/" + documentId + "/signatures", DrawnSignatures.body(signer));
        assertThat(signed.status()).as(signed.toString()).isEqualTo(201);
        return signed.json();
    }

    /** A welcome folder made now for the case, as its PDF reads. */
    private static String folderText(String caseId) {
        String folder = create(caseId, WELCOME_FOLDER);
        return PdfChecks.flatText(counsellor.get("/api/documents/" + folder + "/pdf").bytes());
    }
}
