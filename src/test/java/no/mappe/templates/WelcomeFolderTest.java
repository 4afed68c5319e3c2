package no.mappe.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.mappe.cases.Programme;
import no.mappe.config.Resources;
import no.mappe.demo.DemoData;
import no.mappe.security.ProfileService;
import no.mappe.testing.PdfChecks;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The welcome folder (velkomstmappe) read back from its PDF: one signature block, for the checklist
 * it ends with; none of the forms that are signed on their own (confidentiality, consent, equipment)
 * in a signable copy, but each with its real state in the case; no near-empty page; the logo on the
 * cover. The state read from a real case over HTTP is checked in {@code WelcomeFolderFormsTest}.
 */
class WelcomeFolderTest {

    private static final TemplateCatalogue CATALOGUE = TemplateCatalogue.load(Resources.fromClasspath("templates"));
    private static final TemplateCatalogue.Template TEMPLATE = CATALOGUE.shipped("welcome-folder").orElseThrow();
    private static final PdfRenderer RENDERER = new PdfRenderer();
    private static final TemplateFiller FILLER = new TemplateFiller(CATALOGUE);
    private static final String SIGNATURE_LINE = "Sted, dato og underskrift";
    /** Fewer lines than this on a page that is not the last makes it near-empty. */
    private static final int FEWEST_LINES = 8;

    @ParameterizedTest
    @ValueSource(strings = {"nb", "da"})
    void hasOneSignatureBlockAtTheEndWithTheChecklistItSignsAndNoOtherFormToSign(String language) throws IOException {
        String xhtml = FILLER.fill(TEMPLATE, context(language, profile(language), CaseForms.NONE_MADE));
        assertThat(count(xhtml, "<table class=\"signatures\"")).as("signature blocks").isEqualTo(1);
        byte[] pdf = RENDERER.render(xhtml, "welcome-folder");
        String text = flowing(PdfChecks.text(pdf));
        assertThat(count(text, SIGNATURE_LINE)).as("one line per signer, in one block").isEqualTo(TEMPLATE.manifest().signers().size());
        // The copies of other forms it used to carry, their words and their empty rows and boxes.
        assertThat(text).doesNotContain(pick(language, "Jeg forplikter meg", "Jeg forpligter mig"),
                pick(language, "Jeg samtykker", "Jeg giver samtykke"), pick(language, "(kryss av)", "(sæt kryds)"),
                pick(language, "Arbeidsbukse", "Arbejdsbukser"), pick(language, "Vernesko", "Sikkerhedssko"), "____",
                pick(language, "Taushetserklæring signert", "Tavshedserklæring underskrevet"),
                pick(language, "Samtykkeerklæring signert", "Samtykkeerklæring underskrevet"),
                pick(language, "utstyr utlevert", "udstyr udleveret"));
        String checklist = pick(language, "9. Sjekkliste", "9. Tjekliste");
        String statement = pick(language, "Underskriftene gjelder bare denne velkomstmappen",
                "Underskrifterne gælder kun denne velkomstmappe");
        assertThat(text.lastIndexOf(checklist)).as("the checklist").isPositive();
        assertThat(text.indexOf(statement)).isGreaterThan(text.lastIndexOf(checklist)).isLessThan(text.indexOf(SIGNATURE_LINE));
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<String> pages = pages(document);
            String last = pages.get(pages.size() - 1);
            assertThat(last).as("the signatures on the page of the checklist they sign").contains(checklist, SIGNATURE_LINE);
            assertThat(pages.subList(0, pages.size() - 1)).noneMatch(page -> page.contains(SIGNATURE_LINE));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nb", "da"})
    void listsTheFormsSignedOnTheirOwnWithTheStateEachHasInTheCase(String language) {
        CaseForms forms = CaseForms.NONE_MADE
                .with("confidentiality", CaseForms.Stage.SIGNED, LocalDate.of(2026, 2, 3))
                .with("consent", CaseForms.Stage.DRAFT, null)
                .with("employment-agreement", CaseForms.Stage.AWAITING_SIGNATURES, null);
        String text = flowing(PdfChecks.text(RENDERER.render(FILLER.fill(TEMPLATE, context(language, profile(language), forms)),
                "welcome-folder")));
        assertThat(text).contains(
                pick(language, "Taushetserklæring Signert 03.02.2026", "Tavshedserklæring Underskrevet 03.02.2026"),
                pick(language, "Samtykkeerklæring Laget, ikke signert ennå", "Samtykkeerklæring Udarbejdet, ikke underskrevet endnu"),
                pick(language, "Kvittering for arbeidstøy og utstyr Ikke laget ennå",
                        "Kvittering for arbejdstøj og udstyr Ikke udarbejdet endnu"),
                pick(language, "Arbeidsavtale Signeringen er i gang", "Ansættelseskontrakt Underskrivningen er i gang"),
                pick(language, "Arbeidsavtalen din: stilling", "Din ansættelseskontrakt: stilling"),
                pick(language, "Slik sto skjemaene 23.11.2026", "Sådan stod skemaerne 23.11.2026"));
        String none = flowing(PdfChecks.text(RENDERER.render(FILLER.fill(TEMPLATE, context(language, profile(language),
                CaseForms.NONE_MADE)), "welcome-folder")));
        assertThat(count(none, pick(language, "Ikke laget ennå", "Ikke udarbejdet endnu"))).isEqualTo(4);
        assertThat(none).doesNotContain(pick(language, "Signert 0", "Underskrevet 0"))
                .contains(pick(language, "Deltakeravtale eller arbeidsavtale Ikke laget", "Praktikaftale eller ansættelseskontrakt Ikke"));
    }

    /** Of several documents of one form, the furthest come counts, and of several signed the latest. */
    @ParameterizedTest
    @ValueSource(strings = {"consent", "participation-agreement"})
    void theFurthestDocumentOfAFormCounts(String documentType) {
        CaseForms forms = CaseForms.NONE_MADE
                .with(documentType, CaseForms.Stage.SIGNED, LocalDate.of(2026, 2, 3))
                .with(documentType, CaseForms.Stage.DRAFT, null)
                .with(documentType, CaseForms.Stage.SIGNED, LocalDate.of(2026, 3, 9))
                .with(documentType, CaseForms.Stage.SIGNED, LocalDate.of(2026, 3, 1))
                .with("plan", CaseForms.Stage.SIGNED, LocalDate.of(2026, 4, 1));
        CaseForms.State state = forms.state(CaseForms.Form.of(documentType).orElseThrow());
        assertThat(state).isEqualTo(new CaseForms.State(CaseForms.Stage.SIGNED, documentType, LocalDate.of(2026, 3, 9)));
        assertThat(forms.states().values()).filteredOn(s -> s.stage() != CaseForms.Stage.NOT_MADE).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nb", "da"})
    void noPageButTheLastIsNearlyEmptyEvenWithAFullProfile(String language) throws IOException {
        for (Map<String, Object> profile : List.of(profile(language), fullProfile(language))) {
            byte[] pdf = RENDERER.render(FILLER.fill(TEMPLATE, context(language, profile, CaseForms.NONE_MADE)), "welcome-folder");
            try (PDDocument document = Loader.loadPDF(pdf)) {
                List<String> pages = pages(document);
                assertThat(pages.size()).as("pages").isGreaterThanOrEqualTo(4);
                List<String> thin = new ArrayList<>();
                for (int page = 0; page < pages.size() - 1; page++) {
                    int lines = lines(pages.get(page));
                    if (lines < FEWEST_LINES) {
                        thin.add("page " + (page + 1) + " of " + pages.size() + " has " + lines + " lines:\n" + pages.get(page));
                    }
                }
                assertThat(thin).as("near-empty pages with " + ((List<?>) profile.get("values")).size() + " values").isEmpty();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nb", "da"})
    void theCoverShowsTheLogoWhenTheProfileHasOne(String language) throws IOException {
        Map<String, Object> withLogo = profile(language);
        assertThat((String) withLogo.get("logoDataUri")).startsWith("data:image/png;base64,");
        assertThat(coverImages(withLogo, language)).as("the logo on the cover").hasSize(1);
        Map<String, Object> withoutLogo = new HashMap<>(withLogo);
        withoutLogo.put("logoDataUri", "");
        assertThat(coverImages(withoutLogo, language)).as("no logo, no image").isEmpty();
    }

    private static List<PDImageXObject> coverImages(Map<String, Object> profile, String language) throws IOException {
        byte[] pdf = RENDERER.render(FILLER.fill(TEMPLATE, context(language, profile, CaseForms.NONE_MADE)), "welcome-folder");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDResources resources = document.getPage(0).getResources();
            List<PDImageXObject> images = new ArrayList<>();
            for (COSName name : resources.getXObjectNames()) {
                if (resources.getXObject(name) instanceof PDImageXObject image) {
                    images.add(image);
                }
            }
            assertThat(new PDFTextStripper().getText(document)).contains("Åse Ærø Bjørnstad");
            return images;
        }
    }

    private static RenderContext context(String language, Map<String, Object> profile, CaseForms forms) {
        Map<String, Object> fields = FieldValidator.validate(TEMPLATE.manifest(), SampleData.full(TEMPLATE.manifest()));
        return new RenderContext(language, "Lysheim Arbeid AS", "Åse Ærø Bjørnstad", LocalDate.of(1990, 4, 5), "AFT",
                Programme.displayName("AFT", language), LocalDate.of(2026, 1, 5), "Øystein Brænne", LocalDate.of(2026, 11, 23),
                profile, fields).withCaseForms(forms);
    }

    private static Map<String, Object> profile(String language) {
        return ProfileService.templateView(DemoData.profile("da".equals(language) ? "/demo/profile-vestera.yaml"
                : "/demo/profile-lysheim.yaml"));
    }

    /** The demo profile with as much as a provider writes: more values, practical points, rules and contacts. */
    private static Map<String, Object> fullProfile(String language) {
        Map<String, Object> profile = new HashMap<>(profile(language));
        List<Map<String, Object>> values = new ArrayList<>(items(profile, "values"));
        values.add(Map.of("title", "Trygghet", "text", "Vi holder det vi lover, og vi sier fra i god tid når noe endrer seg."));
        values.add(Map.of("title", "Fellesskap", "text", "Vi spiser sammen, hjelper hverandre og feirer det som går bra."));
        values.add(Map.of("title", "Ærlighet", "text", "Vi sier det som det er, også når det er vanskelig, og vi gjør det med omtanke."));
        profile.put("values", values);
        List<Map<String, Object>> practical = new ArrayList<>(items(profile, "practical"));
        practical.add(Map.of("title", "Parkering", "text", "Gratis parkering bak verkstedet. Sykkelstativ med tak ved inngangen."));
        practical.add(Map.of("title", "Garderobe", "text", "Du får et eget skap med lås. Ta med hengelås, eller lån en på kontoret."));
        profile.put("practical", practical);
        List<Object> workRules = new ArrayList<>(items(profile, "workRules"));
        workRules.add("Maskiner brukes bare etter opplæring, og aldri alene.");
        workRules.add("Rydd arbeidsplassen din før du går for dagen.");
        profile.put("workRules", workRules);
        List<Map<String, Object>> contacts = new ArrayList<>(items(profile, "contacts"));
        contacts.add(Map.of("title", "Arbeidsleder verksted", "text", "Geir Åsli, 72 00 11 30"));
        contacts.add(Map.of("title", "Kontoret", "text", "Mari Ødegård, 72 00 11 23"));
        profile.put("contacts", contacts);
        return profile;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> items(Map<String, Object> profile, String name) {
        Object items = profile.get(name);
        return items == null ? List.of() : (List<T>) items;
    }

    private static List<String> pages(PDDocument document) throws IOException {
        List<String> pages = new ArrayList<>();
        for (int page = 1; page <= document.getNumberOfPages(); page++) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            stripper.setStartPage(page);
            stripper.setEndPage(page);
            pages.add(stripper.getText(document));
        }
        return pages;
    }

    /** Lines of text on a page, not counting its running footer (organisation, title, page number). */
    private static int lines(String page) {
        return (int) page.lines().filter(line -> !line.isBlank()).filter(line -> !line.matches(".*Side \\d+ a[vf] \\d+\\s*")).count();
    }

    private static String flowing(String text) {
        return text.replaceAll("\\s+", " ");
    }

    private static int count(String text, String part) {
        Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    private static String pick(String language, String norwegian, String danish) {
        return "da".equals(language) ? danish : norwegian;
    }
}
