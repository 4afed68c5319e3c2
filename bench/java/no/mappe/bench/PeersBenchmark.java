package no.mappe.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.mappe.config.Resources;
import no.mappe.demo.DemoData;
import no.mappe.security.ProfileService;
import no.mappe.cases.Programme;
import no.mappe.templates.DocxRenderer;
import no.mappe.templates.FieldValidator;
import no.mappe.templates.PdfRenderer;
import no.mappe.templates.RenderContext;
import no.mappe.templates.SampleData;
import no.mappe.templates.TemplateCatalogue;
import no.mappe.templates.TemplateFiller;
import org.jodconverter.core.document.DefaultDocumentFormatRegistry;
import org.jodconverter.core.document.DocumentFamily;
import org.jodconverter.core.document.DocumentFormat;
import org.jodconverter.local.LocalConverter;
import org.jodconverter.local.office.LocalOfficeManager;

/**
 * Mappe's in-process render beside LibreOffice kept warm over UNO (JODConverter's local office
 * manager, as Gotenberg and JODConverter users run it) on the same content: for each template, the
 * filled document rendered by Mappe to PDF/A-2u, and the DOCX Mappe makes of it converted by
 * LibreOffice to tagged PDF/A-2. Without soffice on the PATH, only Mappe's figures are printed,
 * with a note that the comparison was skipped.
 */
public final class PeersBenchmark {

    /** Enough for the JIT to compile Mappe's render path; LibreOffice is native code and needs fewer. */
    private static final int WARMUP = 30;
    private static final java.time.Duration JVM_WARMUP = java.time.Duration.ofSeconds(20);
    private static final int MEASURED = 20;
    private static final List<String> TEMPLATES = List.of("consent", "progress-report", "welcome-folder", "final-report");

    private PeersBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        TemplateCatalogue catalogue = TemplateCatalogue.load(Resources.fromClasspath("templates"));
        TemplateFiller filler = new TemplateFiller(catalogue);
        PdfRenderer renderer = new PdfRenderer();
        DocxRenderer docxRenderer = new DocxRenderer();
        Path office = Path.of("/usr/lib/libreoffice");
        boolean hasOffice = Files.isDirectory(office) && onPath("soffice");
        System.out.printf("Mappe beside LibreOffice over UNO (%d cores, Java %s): ms per document, medians of %d after %d warm-up%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), MEASURED, WARMUP);
        LocalOfficeManager manager = null;
        if (hasOffice) {
            manager = LocalOfficeManager.builder().officeHome(office.toFile()).portNumbers(2002).processTimeout(120_000L).build();
            manager.start();
        } else {
            System.out.println("LibreOffice (soffice) is not installed: the comparison is skipped, Mappe's figures follow.");
        }
        try {
            DocumentFormat pdfA = DocumentFormat.builder().from(DefaultDocumentFormatRegistry.PDF)
                    .storeProperty(DocumentFamily.TEXT, "FilterData", Map.of("SelectPdfVersion", 2, "UseTaggedPDF", true)).build();
            System.out.printf("%-20s %14s %18s %8s%n", "template (nb)", "Mappe", "LibreOffice (UNO)", "ratio");
            List<Double> ratios = new ArrayList<>();
            // Both kept warm: LibreOffice is native code, warm after a few documents; the JVM compiles Mappe's
            // render path over hundreds of documents, as a service that runs all day has long done.
            List<String> filled = TEMPLATES.stream().map(id -> catalogue.shipped(id).orElseThrow())
                    .map(template -> filler.fill(template, context(template))).toList();
            long warmUntil = System.nanoTime() + JVM_WARMUP.toNanos();
            int warmRenders = 0;
            while (System.nanoTime() < warmUntil) {
                renderer.render(filled.get(warmRenders % filled.size()), TEMPLATES.get(warmRenders % filled.size()));
                warmRenders++;
            }
            System.out.printf("(Mappe's JVM warmed up for %d s: %d renders)%n", JVM_WARMUP.toSeconds(), warmRenders);
            for (int index = 0; index < TEMPLATES.size(); index++) {
                String id = TEMPLATES.get(index);
                String xhtml = filled.get(index);
                byte[] docx = docxRenderer.render(xhtml, id);
                double mappe = median(() -> renderer.render(xhtml, id));
                if (manager == null) {
                    System.out.printf("%-20s %11.1f ms %18s %8s%n", id, mappe, "-", "-");
                    continue;
                }
                LocalConverter converter = LocalConverter.make(manager);
                DocumentFormat target = pdfA;
                double libreOffice = median(() -> {
                    ByteArrayOutputStream pdf = new ByteArrayOutputStream();
                    converter.convert(new ByteArrayInputStream(docx)).as(DefaultDocumentFormatRegistry.DOCX).to(pdf).as(target).execute();
                    return pdf.toByteArray();
                });
                ratios.add(libreOffice / mappe);
                System.out.printf("%-20s %11.1f ms %15.1f ms %7.1fx%n", id, mappe, libreOffice, libreOffice / mappe);
            }
            if (!ratios.isEmpty()) {
                System.out.printf("LibreOffice kept warm takes %.1fx Mappe's time (median over the templates)%n",
                        Percentiles.median(ratios));
            }
        } finally {
            if (manager != null) {
                manager.stop();
            }
        }
    }

    private interface Render {
        byte[] run() throws Exception;
    }

    private static double median(Render render) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            render.run();
        }
        double[] times = new double[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long start = System.nanoTime();
            byte[] out = render.run();
            times[i] = (System.nanoTime() - start) / 1e6;
            if (out.length == 0) {
                throw new IllegalStateException("An empty PDF");
            }
        }
        return Percentiles.median(times);
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static RenderContext context(TemplateCatalogue.Template template) {
        return new RenderContext("nb", "Lysheim Arbeid AS", "Åse Ærø Bjørnstad", LocalDate.of(1990, 4, 5), "AFT",
                Programme.displayName("AFT", "nb"), LocalDate.of(2026, 1, 5), "Øystein Brænne", LocalDate.of(2026, 11, 23),
                ProfileService.templateView(DemoData.profile("/demo/profile-lysheim.yaml")),
                FieldValidator.validate(template.manifest(), SampleData.withRows(template.manifest(), 15)));
    }
}
