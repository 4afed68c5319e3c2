package no.mappe.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import no.mappe.cases.Programme;
import no.mappe.config.Resources;
import no.mappe.demo.DemoData;
import no.mappe.security.ProfileService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A signature stands for the document it is drawn on: every shipped template, filled with every
 * field, has at most one block for drawn signatures, and what it signs holds no blank to fill in by hand and
 * no list of boxes none of which is ticked (the welcome folder once carried an unticked consent and
 * an empty equipment receipt, all signed with its one signature).
 */
class OneSignatureOneFormTest {

    private static final TemplateCatalogue CATALOGUE = TemplateCatalogue.load(Resources.fromClasspath("templates"));
    private static final TemplateFiller FILLER = new TemplateFiller(CATALOGUE);
    private static final String SIGNATURE_BLOCK = "<table class=\"signatures\"";
    private static final Pattern LIST = Pattern.compile("<ul[^>]*>(.*?)</ul>", Pattern.DOTALL);
    private static final Pattern CHECK = Pattern.compile("<span class=\"check\">(.*?)</span>", Pattern.DOTALL);

    static Stream<Arguments> templatesAndLanguages() {
        return CATALOGUE.shipped().stream().flatMap(template -> template.manifest().languages().stream()
                .map(language -> Arguments.of(template.manifest().id(), language)));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("templatesAndLanguages")
    void aSignatureBlockSignsOnlyFilledInContentOfItsOwnDocument(String templateId, String language) {
        TemplateCatalogue.Template template = CATALOGUE.shipped(templateId).orElseThrow();
        String profile = "da".equals(language) ? "/demo/profile-vestera.yaml" : "/demo/profile-lysheim.yaml";
        RenderContext context = new RenderContext(language, "Lysheim Arbeid AS", "Åse Ærø Bjørnstad", LocalDate.of(1990, 4, 5),
                "AFT", Programme.displayName("AFT", language), LocalDate.of(2026, 1, 5), "Øystein Brænne", LocalDate.of(2026, 11, 23),
                ProfileService.templateView(DemoData.profile(profile)),
                FieldValidator.validate(template.manifest(), SampleData.full(template.manifest())));
        String xhtml = FILLER.fill(template, context);
        List<Integer> blocks = onScreenBlocks(xhtml);
        assertThat(blocks).as("signature blocks signed on screen").hasSizeLessThanOrEqualTo(1);
        assertThat(blocks).as("a block when there are signers").hasSize(template.manifest().signers().isEmpty() ? 0 : 1);
        if (blocks.isEmpty()) {
            return;
        }
        String signed = xhtml.substring(0, blocks.get(0));
        assertThat(signed).as("a line to fill in by hand").doesNotContain("___");
        List<String> unticked = new ArrayList<>();
        Matcher list = LIST.matcher(signed);
        while (list.find()) {
            Matcher check = CHECK.matcher(list.group(1));
            boolean boxes = false;
            boolean ticked = false;
            while (check.find()) {
                boxes = true;
                ticked |= !check.group(1).replace("&#160;", "").replace("\u00a0", "").isBlank();
            }
            if (boxes && !ticked) {
                unticked.add(list.group());
            }
        }
        assertThat(unticked).as("lists of boxes none of which is ticked, signed").isEmpty();
    }

    /**
     * Where the signature blocks with slots for drawn signatures begin (the manifest's signers). A row
     * of lines for others to sign on paper (the Danish agreement's company and mentor) has no slots.
     */
    private static List<Integer> onScreenBlocks(String xhtml) {
        List<Integer> starts = new ArrayList<>();
        for (int start = xhtml.indexOf(SIGNATURE_BLOCK); start >= 0; start = xhtml.indexOf(SIGNATURE_BLOCK, start + 1)) {
            int end = xhtml.indexOf("</table>", start);
            if (xhtml.substring(start, end < 0 ? xhtml.length() : end).contains("data-signer=")) {
                starts.add(start);
            }
        }
        return starts;
    }
}
