package no.mappe.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.mappe.cases.Programme;
import no.mappe.config.Resources;
import no.mappe.demo.DemoData;
import no.mappe.security.ProfileService;
import no.mappe.testing.Api;
import no.mappe.testing.DrawnSignatures;
import no.mappe.testing.MappeServer;
import no.mappe.testing.PdfChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.verapdf.pdfa.flavours.PDFAFlavour;

/**
 * The Danish participation agreement says what is true for the case's scheme, read back from the
 * PDF: a virksomhedspraktik is no employment and pays no wage; løntilskud, fleksjob and seniorjob are
 * employments with a wage and never say otherwise. The company and the mentor are named as parties
 * and get a signature line where the case has them.
 */
class SchemeAgreementTest {

    private static final TemplateCatalogue CATALOGUE = TemplateCatalogue.load(Resources.fromClasspath("templates"));
    private static final PdfRenderer RENDERER = new PdfRenderer();
    private static final TemplateFiller FILLER = new TemplateFiller(CATALOGUE);
    private static final String NO_EMPLOYMENT = "En virksomhedspraktik er ikke en ansættelse.";
    private static final String NO_WAGE = "Du får ikke løn fra virksomheden";

    @Test
    void aVirksomhedspraktikSaysItIsNoEmploymentAndPaysNoWageAndNamesCompanyAndMentor() {
        String text = flowing(render("virksomhedspraktik", "Djurs Byg ApS", "Lone Skovgaard, værkfører"));
        assertThat(text).contains("Aftale om virksomhedspraktik Aftale mellem")
                .contains(NO_EMPLOYMENT, NO_WAGE, "beholder den ydelse", "Praktiksted eller afdeling")
                .contains("Aftale mellem Søren Ærenlund Høj, Djurs Byg ApS og Jobcenter Vesterå om virksomhedspraktik")
                .contains("Virksomhed Djurs Byg ApS", "Mentor Lone Skovgaard, værkfører")
                .contains("For virksomheden: Djurs Byg ApS", "Mentor: Lone Skovgaard, værkfører")
                .contains("Virksomheden har også fået en kopi.")
                .doesNotContain("Ansættelse og løn", "ansættelseskontrakt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"løntilskud", "fleksjob", "seniorjob"})
    void anEmploymentSchemeNeverSaysThereIsNoWageOrNoEmployment(String scheme) {
        String company = switch (scheme) {
            case "løntilskud" -> "Grenaa Auto A/S";
            case "fleksjob" -> "Café Havnen ApS";
            default -> "Vesterå Kommune, Vej og Park";
        };
        String text = flowing(render(scheme, company, "Kim Bach, mekaniker"));
        String title = CATALOGUE.shipped("participation-agreement").orElseThrow().manifest().title("da");
        // The footer carries the document type's title ("... job eller praktik"); the body must not speak of a praktik.
        assertThat(text.replace(title, "")).doesNotContainIgnoringCase("praktik");
        assertThat(text).doesNotContain("ikke en ansættelse", "ikke løn", "beholder den ydelse")
                .contains("Ansættelse og løn", "ansættelseskontrakt", "Mentor: Kim Bach, mekaniker")
                .contains("Aftale mellem Søren Ærenlund Høj, " + company + " og Jobcenter Vesterå om "
                        + Programme.displayName(scheme, "da"));
        switch (scheme) {
            case "løntilskud" -> assertThat(text).contains("Aftale om job med løntilskud Aftale mellem")
                    .contains("Et job med løntilskud er en ansættelse.", "Virksomhed " + company, "For virksomheden: " + company);
            case "fleksjob" -> assertThat(text).contains("Aftale om fleksjob Aftale mellem")
                    .contains("Et fleksjob er en ansættelse på særlige vilkår", "fleksløntilskud", "For virksomheden: " + company)
                    .contains("Planlagt slutdato Ingen fastsat slutdato");
            default -> assertThat(text).contains("Aftale om seniorjob Aftale mellem")
                    .contains("Et seniorjob er en ansættelse i kommunen.", "Arbejdsplads i kommunen " + company)
                    .contains("For arbejdspladsen: " + company, "Arbejdspladsen har også fået en kopi.");
        }
    }

    @Test
    void withoutACompanyOrMentorNoPartyOrSignatureLineIsPrintedForThem() {
        String text = flowing(render("seniorjob", "", ""));
        assertThat(text).contains("Aftale om seniorjob Aftale mellem Søren Ærenlund Høj og Jobcenter Vesterå om seniorjob")
                .doesNotContain("Mentor", "For arbejdspladsen", "også fået en kopi");
    }

    @ParameterizedTest
    @ValueSource(strings = {"virksomhedspraktik", "løntilskud", "fleksjob", "seniorjob"})
    void everySchemesAgreementIsPdfAAndPdfUa(String scheme) {
        byte[] pdf = pdf(scheme, "Grenaa Auto A/S", "Kim Bach, mekaniker");
        assertThat(PdfChecks.violations(pdf, PDFAFlavour.PDFA_2_U)).as("PDF/A-2u").isEmpty();
        assertThat(PdfChecks.violations(pdf, PDFAFlavour.PDFUA_1)).as("PDF/UA-1").isEmpty();
    }

    @Test
    void theNorwegianAgreementNamesTheCompanyAndMentorAndStillSaysTheParticipantIsNotEmployed() {
        TemplateCatalogue.Template template = CATALOGUE.shipped("participation-agreement").orElseThrow();
        Map<String, Object> fields = realisticFields("Kiwi Melhus", "Randi Aune, butikksjef");
        fields.put("income", "Tiltakspenger fra NAV");
        RenderContext context = new RenderContext("nb", "Vekst Melhus AS", "Åse Ærø Bjørnstad", LocalDate.of(1990, 4, 5), "AFT",
                Programme.displayName("AFT", "nb"), LocalDate.of(2026, 1, 5), "Øystein Brænne", LocalDate.of(2026, 11, 23),
                ProfileService.templateView(DemoData.profile("/demo/profile-lysheim.yaml")),
                FieldValidator.validate(template.manifest(), fields));
        String text = flowing(PdfChecks.text(RENDERER.render(FILLER.fill(template, context), "participation-agreement")));
        assertThat(text).contains("Deltakeravtale Avtale mellom").contains("Virksomhet Kiwi Melhus", "Mentor Randi Aune, butikksjef")
                .contains("Som deltaker er du ikke ansatt hos oss.");
    }

    @Test
    void aSeniorjobCaseOpenedOverHttpGetsTheSeniorjobAgreement(@TempDir Path dataDir) {
        try (MappeServer server = MappeServer.start(dataDir)) {
            Api counsellor = server.login("vejleder");
            Api.Response opened = counsellor.post("/api/cases", """
                    {"participant": {"name": "Bent Ravnholt", "birthDate": "1962-02-14"}, "programme": "seniorjob",
                     "startDate": "2026-03-02"}""");
            assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
            Api.Response created = counsellor.post("/api/cases/" + opened.json().get("id").asText() + "/documents", """
                    {"template": "participation-agreement", "fields": {"startDate": "2026-03-02", "workplace": "Materielgården",
                     "company": "Vesterå Kommune, Vej og Park", "contactPerson": "Jonas Frandsen", "workingHours": "Mandag til fredag",
                     "tasks": "Pasning af grønne områder.", "goals": ["Trives i jobbet"]}}""");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String text = flowing(PdfChecks.text(counsellor.get("/api/documents/" + created.json().get("id").asText() + "/pdf").bytes()));
            assertThat(text).contains("Aftale om seniorjob", "Et seniorjob er en ansættelse i kommunen.",
                    "Arbejdsplads i kommunen Vesterå Kommune, Vej og Park", "For arbejdspladsen: Vesterå Kommune, Vej og Park")
                    .doesNotContain("ikke en ansættelse", "ikke løn", "Mentor:");

            // The citizen and the counsellor sign in Mappe; the workplace's line stays for its signature on paper.
            String id = created.json().get("id").asText();
            assertThat(counsellor.post("/api/documents/" + id + "/signatures", DrawnSignatures.body("participant")).status())
                    .isEqualTo(201);
            Api.Response sealed = counsellor.post("/api/documents/" + id + "/signatures", DrawnSignatures.body("counsellor"));
            assertThat(sealed.json().get("sealed").asBoolean()).as(sealed.toString()).isTrue();
            byte[] pdf = counsellor.get("/api/documents/" + id + "/pdf").bytes();
            assertThat(flowing(PdfChecks.text(pdf))).contains("Et seniorjob er en ansættelse i kommunen.",
                    "For arbejdspladsen: Vesterå Kommune, Vej og Park", "Bent Ravnholt");
            assertThat(PdfChecks.violations(pdf, PDFAFlavour.PDFA_2_U)).as("PDF/A-2u after sealing").isEmpty();
        }
    }

    private static String render(String scheme, String company, String mentor) {
        return PdfChecks.text(pdf(scheme, company, mentor));
    }

    private static byte[] pdf(String scheme, String company, String mentor) {
        TemplateCatalogue.Template template = CATALOGUE.shipped("participation-agreement").orElseThrow();
        Map<String, Object> fields = realisticFields(company, mentor);
        if (scheme.equals("virksomhedspraktik")) {
            fields.put("income", "Kontanthjælp fra Vesterå Kommune");
        } else if (scheme.equals("fleksjob")) {
            fields.put("income", "Løn for 12 timer om ugen og fleksløntilskud fra kommunen");
            fields.put("endDate", "");
        } else {
            fields.put("income", "Løn efter overenskomst");
        }
        RenderContext context = new RenderContext("da", "Jobcenter Vesterå", "Søren Ærenlund Høj", LocalDate.of(1962, 9, 9),
                scheme, Programme.displayName(scheme, "da"), LocalDate.of(2026, 3, 2), "Mette Kjær", LocalDate.of(2026, 3, 2),
                ProfileService.templateView(DemoData.profile("/demo/profile-vestera.yaml")),
                FieldValidator.validate(template.manifest(), fields));
        byte[] pdf = RENDERER.render(FILLER.fill(template, context), "participation-agreement");
        String renderDir = System.getProperty("mappe.renderDir");
        if (renderDir != null) {
            // -Dmappe.renderDir=/tmp/pdfs keeps each scheme's agreement for a look, as in CatalogueRenderingTest.
            try {
                java.nio.file.Files.createDirectories(java.nio.file.Path.of(renderDir));
                java.nio.file.Files.write(java.nio.file.Path.of(renderDir, "agreement-" + scheme + ".pdf"), pdf);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return pdf;
    }

    private static Map<String, Object> realisticFields(String company, String mentor) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("startDate", "2026-03-02");
        fields.put("endDate", "2026-08-28");
        fields.put("workplace", "Værkstedet, Industrivej 4");
        fields.put("company", company);
        fields.put("mentor", mentor);
        fields.put("contactPerson", "Jonas Frandsen, 86 32 11 40");
        fields.put("workingHours", "Mandag til torsdag kl. 8.00-11.00");
        fields.put("tasks", "Klargøring af værktøj, oprydning og enkle reparationer sammen med en kollega.");
        fields.put("goals", List.of("Møde stabilt tre dage om ugen", "Lære at bruge værkstedets løfteudstyr sikkert"));
        fields.put("adaptations", "Pauser efter behov og ingen tunge løft over 10 kg.");
        return fields;
    }

    private static String flowing(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }
}
