package no.mappe.web;

import static no.mappe.testing.TemplateUploads.progressManifest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.mappe.testing.Api;
import no.mappe.testing.Api.Response;
import no.mappe.testing.MappeServer;
import no.mappe.testing.OfficeConversion;
import no.mappe.testing.PdfChecks;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalogue over HTTP: every template generated for a demo case, preview, DOCX, profile and template versions. */
class CatalogueApiTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path dataDir;
    private static MappeServer server;
    private static Api counsellor;
    private static Api leader;
    private static String caseId;

    @BeforeAll
    static void start() {
        server = MappeServer.start(dataDir);
        counsellor = server.login("veileder");
        leader = server.login("leder");
        caseId = counsellor.post("/api/cases", """
                {"participant": {"name": "Åsmund Ærlig Øvrebø", "birthDate": "1984-07-17"}, "programme": "VTA",
                 "startDate": "2026-02-01"}""")
                .json().get("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyTemplateIsListedInBothLanguagesAndCanBeGenerated() throws Exception {
        JsonNode templates = counsellor.get("/api/templates").json().get("templates");
        assertThat(templates.size()).isGreaterThanOrEqualTo(3);
        for (JsonNode template : templates) {
            assertThat(template.get("languages")).extracting(JsonNode::asText).containsExactly("nb", "da");
            assertThat(template.get("fields").isArray()).isTrue();
            String id = template.get("id").asText();
            for (String language : List.of("nb", "da")) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("template", id);
                body.put("language", language);
                body.put("fields", no.mappe.templates.SampleData.full(manifestOf(id)));
                boolean minutes = id.equals("meeting-minutes"); // written in the organisation's minutes book, checked for names
                if (minutes) {
                    body.put("confirmNameLike", true);
                }
                Response created = leader.post(minutes ? "/api/minutes" : "/api/cases/" + caseId + "/documents",
                        MAPPER.writeValueAsString(body));
                assertThat(created.status()).as(id + " " + language + ": " + created).isEqualTo(201);
                assertThat(created.json().get("language").asText()).isEqualTo(language);
                String text = PdfChecks.text(leader.get("/api/documents/" + created.json().get("id").asText() + "/pdf").bytes());
                if (!id.equals("meeting-minutes")) { // the organisation's own minutes name no participant
                    assertThat(text).as(id + " " + language).contains("Åsmund Ærlig Øvrebø");
                }
            }
        }
    }

    @Test
    void previewRendersWithoutArchivingAnything() {
        int before = documentCount();
        Response preview = counsellor.post("/api/cases/" + caseId + "/documents?preview=true", """
                {"template": "consent", "fields": {"recipients": ["NAV Heimdal"], "purpose": "Forhåndsvisning av samtykket."}}""");
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.contentType()).isEqualTo("application/pdf");
        assertThat(PdfChecks.text(preview.bytes())).contains("Forhåndsvisning av samtykket.", "Åsmund Ærlig Øvrebø");
        assertThat(documentCount()).isEqualTo(before);
        Response invalid = counsellor.post("/api/cases/" + caseId + "/documents?preview=true",
                "{\"template\": \"consent\", \"fields\": {}}");
        assertThat(invalid.status()).isEqualTo(422);
    }

    @Test
    void anEditableDocxIsMadeFromTheSameContent() throws Exception {
        String id = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "progress-report", "fields": {"periodFrom": "2026-02-01", "periodTo": "2026-07-31",
                 "workTasks": "Montering av paller.", "progress": "Har fått mer ansvar på lageret i Ørsta."}}""")
                .json().get("id").asText();
        Response docx = counsellor.get("/api/documents/" + id + "/docx");
        assertThat(docx.status()).as(docx.toString()).isEqualTo(200);
        assertThat(docx.contentType()).startsWith("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(docx.header("Content-Disposition")).contains(id + ".docx").doesNotContain("Øvrebø");
        String text;
        try (XWPFWordExtractor word = new XWPFWordExtractor(new XWPFDocument(new ByteArrayInputStream(docx.bytes())))) {
            text = word.getText();
        }
        assertThat(text).contains("Åsmund Ærlig Øvrebø", "Har fått mer ansvar på lageret i Ørsta.", "Fremdriftsrapport");
        assertThat(server.login("vejleder").get("/api/documents/" + id + "/docx").status()).isEqualTo(404);
        assertThat(OfficeConversion.toPdfText(docx.bytes())).contains("Åsmund Ærlig Øvrebø", "Har fått mer ansvar på lageret i Ørsta.");
    }

    @Test
    void theLeaderChangesTheProfileAndNewDocumentsShowIt() {
        Response profile = leader.get("/api/organisation/profile");
        assertThat(profile.json().get("vision").asText()).isNotBlank();
        String changed = profile.body().replaceFirst("\"vision\":\"[^\"]*\"",
                "\"vision\":\"Vi skal være best på mestring i Trøndelag.\"");
        Response put = leader.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUri() + "/api/organisation/profile"))
                .header("Content-Type", "application/json").header("X-CSRF-Token", leader.csrfToken())
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(changed, StandardCharsets.UTF_8)));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        String id = counsellor.post("/api/cases/" + caseId + "/documents", "{\"template\": \"welcome-folder\", \"fields\": {}}")
                .json().get("id").asText();
        assertThat(PdfChecks.text(counsellor.get("/api/documents/" + id + "/pdf").bytes()))
                .contains("Vi skal være best på mestring i Trøndelag.");
        Response notLeader = counsellor.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(server.baseUri() + "/api/organisation/profile"))
                .header("Content-Type", "application/json").header("X-CSRF-Token", counsellor.csrfToken())
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(changed, StandardCharsets.UTF_8)));
        assertThat(notLeader.status()).isEqualTo(403);
        assertThat(server.login("leder-dk").get("/api/organisation/profile").json().get("vision").asText())
                .doesNotContain("Trøndelag");

        String badLogo = changed.replaceFirst("\"logoPng\":\"[^\"]*\"", "\"logoPng\":\"bm90IGEgcG5n\"");
        Response refused = leader.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(server.baseUri() + "/api/organisation/profile"))
                .header("Content-Type", "application/json").header("X-CSRF-Token", leader.csrfToken())
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(badLogo, StandardCharsets.UTF_8)));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("logoPng");
    }

    @Test
    void theLogoOfTheProfileIsPrintedInTheLetterhead() throws Exception {
        String id = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "consent", "fields": {"recipients": ["NAV"], "purpose": "Logo."}}""").json().get("id").asText();
        byte[] pdf = counsellor.get("/api/documents/" + id + "/pdf").bytes();
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            var resources = document.getPage(0).getResources();
            boolean image = false;
            for (var name : resources.getXObjectNames()) {
                image |= resources.getXObject(name) instanceof org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
            }
            assertThat(image).as("an image on page 1").isTrue();
        }
    }

    @Test
    void aNewTemplateVersionIsValidatedAndUsedWhileOldDocumentsKeepTheirs() throws Exception {
        String oldId = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "consent", "fields": {"recipients": ["NAV"], "purpose": "Før den nye versjonen."}}""")
                .json().get("id").asText();
        JsonNode current = counsellor.get("/api/templates/consent").json();
        int next = current.get("version").asInt() + 1;
        String manifest = manifestYaml(next, "");
        String body = """
                {% extends "layout" %}{% block content %}<h1>{{ title }}</h1><p>Ny versjon for {{ participant.name }}.</p>
                <ul>{% for r in fields.recipients %}<li>{{ r }}</li>{% endfor %}</ul><p class="text">{{ fields.purpose }}</p>
                {% include "signatures" %}{% endblock %}""";
        assertThat(upload(counsellor, manifest, body).status()).isEqualTo(403);
        Response accepted = upload(leader, manifest, body);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);

        JsonNode created = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "consent", "fields": {"recipients": ["NAV"], "purpose": "Etter den nye versjonen."}}""").json();
        assertThat(created.get("templateVersion").asInt()).isEqualTo(next);
        assertThat(PdfChecks.text(counsellor.get("/api/documents/" + created.get("id").asText() + "/pdf").bytes()))
                .contains("Ny versjon for Åsmund Ærlig Øvrebø.");
        JsonNode old = counsellor.get("/api/documents/" + oldId).json();
        assertThat(old.get("templateVersion").asInt()).isEqualTo(next - 1);
        assertThat(counsellor.get("/api/documents/" + oldId + "/docx").status()).isEqualTo(200);
        assertThat(counsellor.get("/api/templates/consent/versions").json().get("versions")).extracting(v -> v.get("origin").asText())
                .containsExactly("shipped", "uploaded");
    }

    @Test
    void hostileTemplateUploadsAreRefusedWithAReason() throws Exception {
        int next = counsellor.get("/api/templates/progress-report").json().get("version").asInt() + 1;
        String manifest = progressManifest(next);
        Map<String, String> hostile = new LinkedHashMap<>();
        hostile.put("<script>alert(1)</script>", "script");
        hostile.put("<img src=\"http://evil.example/track.png\" alt=\"x\" />", "loads or runs something");
        hostile.put("<a href=\"https://evil.example/\">x</a>", "external resource");
        hostile.put("<p style=\"background: url(http://evil.example/x)\">x</p>", "CSS");
        hostile.put("<p>{{ participant.name.getClass().forName('java.lang.Runtime') }}</p>", "calls a method");
        hostile.put("<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><p>&b;</p>", "entities");
        hostile.put("<p>{{ fields.salary }}</p>", "fields.salary");
        hostile.put("{% include \"/etc/passwd\" %}", "only the shared partials");
        hostile.put("<p onclick=\"steal()\">x</p>", "event handler");
        hostile.put("<p>{{ nothing.here }}</p>", "does not fill and render");
        hostile.put("<p>unclosed", "does not fill and render");
        for (Map.Entry<String, String> attempt : hostile.entrySet()) {
            String source = "{% extends \"layout\" %}{% block content %}<h1>{{ title }}</h1>" + attempt.getKey() + "{% endblock %}";
            Response refused = upload(leader, manifest, source);
            assertThat(refused.status()).as(attempt.getKey() + " -> " + refused).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("detail").asText()).as(attempt.getKey()).contains(attempt.getValue());
        }
        assertThat(counsellor.get("/api/templates/progress-report").json().get("version").asInt()).isEqualTo(next - 1);
        Response wrongVersion = upload(leader, progressManifest(next + 5), "<p>x</p>");
        assertThat(wrongVersion.json().get("detail").asText()).contains("version must be " + next);
    }

    private static Response upload(Api api, String manifest, String xhtml) throws Exception {
        return api.post("/api/templates/" + idOf(manifest) + "/versions",
                MAPPER.writeValueAsString(Map.of("manifest", manifest, "xhtml", Map.of("nb", xhtml, "da", xhtml))));
    }

    private static String idOf(String manifest) {
        return manifest.lines().filter(line -> line.startsWith("id:")).findFirst().orElseThrow().substring(3).strip();
    }

    private static String manifestYaml(int version, String extraFields) {
        return """
                id: consent
                version: %d
                documentType: consent
                title: {nb: Samtykkeerklæring, da: Samtykkeerklæring}
                languages: [nb, da]
                accessLevel: 3
                signers: [participant, counsellor]
                fields:
                  - {name: recipients, type: list, required: true, label: {nb: Mottakere, da: Modtagere}}
                  - {name: purpose, type: longtext, required: true, label: {nb: Formål, da: Formål}}
                %s""".formatted(version, extraFields);
    }

    private static no.mappe.templates.TemplateManifest manifestOf(String id) {
        return server.app().catalogue().shipped(id).orElseThrow().manifest();
    }

    private static int documentCount() {
        return leader.get("/api/cases/" + caseId + "/documents").json().get("documents").size();
    }
}
