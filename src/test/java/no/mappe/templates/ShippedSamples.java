package no.mappe.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import no.mappe.cases.Programme;
import no.mappe.config.Resources;
import no.mappe.demo.DemoData;
import no.mappe.security.ProfileService;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

/** Every shipped template filled with sample data in each of its languages, and a check that two renders drew the same pages. */
final class ShippedSamples {

    record FilledTemplate(String id, String xhtml) {
    }

    private ShippedSamples() {
    }

    static List<FilledTemplate> filledTemplates() {
        TemplateCatalogue catalogue = TemplateCatalogue.load(Resources.fromClasspath("templates"));
        TemplateFiller filler = new TemplateFiller(catalogue);
        List<FilledTemplate> filled = new ArrayList<>();
        for (TemplateCatalogue.Template template : catalogue.shipped()) {
            for (String language : template.manifest().languages()) {
                String profile = "da".equals(language) ? "/demo/profile-vestera.yaml" : "/demo/profile-lysheim.yaml";
                RenderContext context = new RenderContext(language, "Lysheim Arbeid AS", "Åse Ærø Bjørnstad", LocalDate.of(1990, 4, 5),
                        "AFT", Programme.displayName("AFT", language), LocalDate.of(2026, 1, 5), "Øystein Brænne",
                        LocalDate.of(2026, 11, 23), ProfileService.templateView(DemoData.profile(profile)),
                        FieldValidator.validate(template.manifest(), SampleData.full(template.manifest())));
                filled.add(new FilledTemplate(template.manifest().id(), filler.fill(template, context)));
            }
        }
        return filled;
    }

    /** The decoded content stream of every page is the same byte for byte; returns the number of pages. */
    static int assertSamePages(byte[] pdf, byte[] reference, String what) throws IOException {
        try (PDDocument a = Loader.loadPDF(pdf); PDDocument b = Loader.loadPDF(reference)) {
            assertThat(a.getNumberOfPages()).as(what).isEqualTo(b.getNumberOfPages());
            for (int page = 0; page < a.getNumberOfPages(); page++) {
                try (InputStream x = a.getPage(page).getContents(); InputStream y = b.getPage(page).getContents()) {
                    assertThat(x.readAllBytes()).as("%s page %d", what, page + 1).isEqualTo(y.readAllBytes());
                }
            }
            return a.getNumberOfPages();
        }
    }
}
