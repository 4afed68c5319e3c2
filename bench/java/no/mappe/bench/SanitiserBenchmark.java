package no.mappe.bench;

import java.time.LocalDate;
import no.mappe.cases.Programme;
import no.mappe.config.Resources;
import no.mappe.demo.DemoData;
import no.mappe.security.ProfileService;
import no.mappe.templates.FieldValidator;
import no.mappe.templates.OutputAllowList;
import no.mappe.templates.PdfRenderer;
import no.mappe.templates.RenderContext;
import no.mappe.templates.SampleData;
import no.mappe.templates.TemplateCatalogue;
import no.mappe.templates.TemplateFiller;
import no.mappe.templates.XhtmlText;

/**
 * What the output allow-list costs per document, on the welcome folder (about ten pages): the
 * check (one parse by the JDK's parser plus the Safelist walk), the parse alone (which the PDF
 * renderer used to do itself and now takes from the check), and the whole render for scale.
 */
public final class SanitiserBenchmark {

    private static final int WARMUP = 200;
    private static final int MEASURED = 1_000;

    private SanitiserBenchmark() {
    }

    public static void main(String[] args) {
        TemplateCatalogue catalogue = TemplateCatalogue.load(Resources.fromClasspath("templates"));
        TemplateCatalogue.Template welcome = catalogue.shipped("welcome-folder").orElseThrow();
        RenderContext context = new RenderContext("nb", "Lysheim Arbeid AS", "Åse Ærø Bjørnstad", LocalDate.of(1990, 4, 5), "AFT",
                Programme.displayName("AFT", "nb"), LocalDate.of(2026, 1, 5), "Øystein Brænne", LocalDate.of(2026, 11, 23),
                ProfileService.templateView(DemoData.profile("/demo/profile-lysheim.yaml")),
                FieldValidator.validate(welcome.manifest(), SampleData.full(welcome.manifest())));
        String xhtml = new TemplateFiller(catalogue).fill(welcome, context);
        PdfRenderer renderer = new PdfRenderer();
        double[] check = time(() -> OutputAllowList.check(xhtml, "welcome-folder"));
        double[] parse = time(() -> XhtmlText.parse(xhtml, "welcome-folder"));
        double[] render = new double[50];
        for (int i = 0; i < 10; i++) {
            renderer.render(xhtml, "welcome-folder");
        }
        for (int i = 0; i < render.length; i++) {
            long start = System.nanoTime();
            renderer.render(xhtml, "welcome-folder");
            render[i] = (System.nanoTime() - start) / 1e6;
        }
        System.out.printf("welcome folder (nb), %,d characters of XHTML, medians:%n", xhtml.length());
        System.out.printf("  allow-list check (parse + walk)  %6.2f ms%n", Percentiles.median(check));
        System.out.printf("  parse alone                      %6.2f ms%n", Percentiles.median(parse));
        System.out.printf("  added by the walk                %6.2f ms%n", Percentiles.median(check) - Percentiles.median(parse));
        System.out.printf("  whole PDF render (incl. check)   %6.1f ms%n", Percentiles.median(render));
    }

    private static double[] time(Runnable work) {
        for (int i = 0; i < WARMUP; i++) {
            work.run();
        }
        double[] times = new double[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long start = System.nanoTime();
            work.run();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        return times;
    }
}
