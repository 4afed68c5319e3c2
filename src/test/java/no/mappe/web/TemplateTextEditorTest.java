package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import no.mappe.testing.Api;
import no.mappe.testing.AtOnce;
import no.mappe.testing.MappeServer;
import no.mappe.testing.PdfChecks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The template text editor through the API: the texts of a version with their placeholders as
 * tokens; an edit that moves a placeholder is saved as the next version (through the raw upload's
 * checks) and new documents print it filled in; tokens lost, repeated or made up, and template tags
 * typed into a text, are refused and save nothing; a preview saves nothing; two saves from the same
 * version give one 201 and one 409; and another organisation neither reads nor gets the edit.
 */
class TemplateTextEditorTest {

    private static final String LEAD = "Samtykke til å dele opplysninger i forbindelse med {1}";

    @TempDir
    static Path dataDir;
    private static MappeServer server;
    private static Api leader;

    @BeforeAll
    static void start() {
        server = MappeServer.start(dataDir);
        leader = server.login("leder");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anEditThatMovesAPlaceholderBecomesTheNextVersionAndNewDocumentsPrintItForThisOrganisationOnly() {
        JsonNode texts = leader.get("/api/templates/consent/texts?language=nb").json();
        int version = texts.get("version").asInt();
        JsonNode lead = block(texts, LEAD);
        assertThat(lead.get("placeholders").get(0).get("expression").asText()).isEqualTo("{{ case.programmeName }}");

        Api.Response saved = leader.post("/api/templates/consent/texts", edit("nb", version, lead.get("index").asInt(),
                "I {1} samtykker jeg til at opplysninger deles (Redigert & lagret)"));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
        assertThat(saved.json().get("version").asInt()).isEqualTo(version + 1);
        JsonNode again = leader.get("/api/templates/consent/texts?language=nb").json();
        assertThat(again.get("version").asInt()).isEqualTo(version + 1);
        block(again, "I {1} samtykker jeg til at opplysninger deles (Redigert & lagret)");
        assertThat(again.get("blocks").size()).as("the other texts are all still there").isEqualTo(texts.get("blocks").size());

        String caseId = server.login("veileder").get("/api/cases").json().get("cases").get(0).get("id").asText();
        String documentId = server.login("veileder").post("/api/cases/" + caseId + "/documents", """
                {"template": "consent", "fields": {"recipients": ["NAV"], "purpose": "Samarbeid."}}""").json().get("id").asText();
        String pdf = PdfChecks.flatText(server.login("veileder").get("/api/documents/" + documentId + "/pdf").bytes());
        assertThat(pdf).contains("samtykker jeg til at opplysninger deles (Redigert & lagret)").doesNotContain("{1}", "{{");

        Api danish = server.login("leder-dk");
        JsonNode danishTexts = danish.get("/api/templates/consent/texts?language=nb").json();
        assertThat(danishTexts.get("version").asInt()).as("the edit is this organisation's alone").isEqualTo(version);
        assertThat(danishTexts.toString()).doesNotContain("Redigert");
        assertThat(danish.post("/api/templates/consent/texts", edit("nb", version + 1, lead.get("index").asInt(), "Kapret {1}"))
                .status()).as("the other organisation's version is not there to edit").isEqualTo(404);
        assertThat(leader.get("/api/templates/consent/texts?language=nb").json().get("version").asInt()).isEqualTo(version + 1);
    }

    @Test
    void placeholdersCannotBeLostRepeatedMadeUpOrTypedAndNothingIsSaved() {
        JsonNode texts = leader.get("/api/templates/plan/texts?language=nb").json();
        int version = texts.get("version").asInt();
        JsonNode withPlaceholder = firstWithPlaceholders(texts);
        int index = withPlaceholder.get("index").asInt();
        for (String[] attempt : List.of(
                new String[] {"Ingen felt her", "lost the placeholder {1}"},
                new String[] {withPlaceholder.get("text").asText() + " {1}", "more than once"},
                new String[] {withPlaceholder.get("text").asText() + " {9}", "which this text does not have"},
                new String[] {withPlaceholder.get("text").asText() + " {{ organisation.name }}", "may not contain { or }"},
                new String[] {" ", "must not be empty"})) {
            Api.Response refused = leader.post("/api/templates/plan/texts", edit("nb", version, index, attempt[0]));
            assertThat(refused.status()).as(attempt[0] + ": " + refused).isEqualTo(422);
            assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("blocks." + index);
            assertThat(refused.json().get("errors").get(0).get("message").asText()).contains(attempt[1]);
        }
        assertThat(leader.post("/api/templates/plan/texts", edit("nb", version, 99_999, "Ny tekst")).status()).isEqualTo(422);
        assertThat(leader.get("/api/templates/plan/texts?language=nb").json().get("version").asInt()).isEqualTo(version);
        assertThat(server.login("veileder").get("/api/templates/plan/texts").status()).isEqualTo(403);
        assertThat(server.login("veileder").post("/api/templates/plan/texts", edit("nb", version, index, "x")).status()).isEqualTo(403);
    }

    @Test
    void thePreviewPrintsTheTypedTextAndSavesNothing() {
        JsonNode texts = leader.get("/api/templates/competence-certificate/texts?language=nb").json();
        int version = texts.get("version").asInt();
        JsonNode first = texts.get("blocks").get(texts.get("blocks").size() - 1);
        String text = first.get("text").asText().replaceAll("^[^{]*", "Forhåndsvist tekst ");
        Api.Response pdf = leader.post("/api/templates/competence-certificate/texts/preview", edit("nb", version,
                first.get("index").asInt(), text));
        assertThat(pdf.status()).as(pdf.toString()).isEqualTo(200);
        assertThat(PdfChecks.text(pdf.bytes())).contains("Forhåndsvist tekst");
        assertThat(leader.get("/api/templates/competence-certificate/texts?language=nb").json().get("version").asInt())
                .isEqualTo(version);
    }

    @Test
    void twoSavesFromTheSameVersionGiveOneNewVersionAndOne409() {
        JsonNode texts = leader.get("/api/templates/final-report/texts?language=nb").json();
        int version = texts.get("version").asInt();
        JsonNode first = texts.get("blocks").get(0);
        Api other = server.login("leder");
        List<Api.Response> answers = AtOnce.send(
                () -> leader.post("/api/templates/final-report/texts", edit("nb", version, first.get("index").asInt(),
                        first.get("text").asText() + " (første)")),
                () -> other.post("/api/templates/final-report/texts", edit("nb", version, first.get("index").asInt(),
                        first.get("text").asText() + " (andre)")));
        assertThat(AtOnce.statuses(answers)).as(answers.toString()).containsExactly(201, 409);
        assertThat(leader.get("/api/templates/final-report/texts?language=nb").json().get("version").asInt()).isEqualTo(version + 1);
    }

    private static String edit(String language, int version, int index, String text) {
        return Json.mapper().createObjectNode().put("language", language).put("version", version)
                .set("blocks", Json.mapper().createObjectNode().put(String.valueOf(index), text)).toString();
    }

    private static JsonNode block(JsonNode texts, String text) {
        for (JsonNode block : texts.get("blocks")) {
            if (block.get("text").asText().equals(text)) {
                return block;
            }
        }
        throw new AssertionError("No block '" + text + "' in " + texts);
    }

    private static JsonNode firstWithPlaceholders(JsonNode texts) {
        for (JsonNode block : texts.get("blocks")) {
            if (block.get("placeholders").size() >= 1) {
                return block;
            }
        }
        throw new AssertionError("No block with a placeholder in " + texts);
    }
}
