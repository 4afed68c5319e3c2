package no.mappe.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
 * with a note that the comparison was skipped. Three rounds over the templates, each figure the median
 * of the rounds' medians, after a warm-up long enough for the JIT (-Dwarmup=SECONDS, default 60).
 */
public final class PeersBenchmark {

    /** Enough for the JIT to compile Mappe's render path; LibreOffice is native code and needs fewer. */
    private static final int WARMUP = 30;
    /**
     * How long Mappe's JVM renders before anything is measured (-Dwarmup=SECONDS). A service that runs all day has
     * long compiled its render path; 20 s left C2 still compiling on two cores and the first template measured up
     * to twice its steady time.
     */
    private static final java.time.Duration JVM_WARMUP = java.time.Duration.ofSeconds(Integer.getInteger("warmup", 60));
    private static final int MEASURED = 20;
    /** Rounds over all templates, Mappe and LibreOffice in turn: each figure is the median of the rounds' medians. */
    private static final int ROUNDS = 3;
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
        System.out.printf("Mappe beside LibreOffice over UNO (%d cores of %s, Java %s): ms per document, medians of %d after %d warm-up,"
                + " %d rounds%n", Runtime.getRuntime().availableProcessors(), processor(), Runtime.version(), MEASURED, WARMUP, ROUNDS);
        LocalOfficeManager manager = null;
        if (hasOffice) {
            // JODConverter restarts its office process every 200 conversions by default (Gotenberg sooner). A round
            // converts 200 documents, so each round gets a fresh process as with the default, but one conversion into
            // the round (a warm-up one) rather than after its last, which raced the shutdown and logged a stack trace.
            manager = LocalOfficeManager.builder().officeHome(office.toFile()).portNumbers(2002).processTimeout(120_000L)
                    .maxTasksPerProcess(TEMPLATES.size() * (WARMUP + MEASURED) + 1).build();
            manager.start();
        } else {
            System.out.println("LibreOffice (soffice) is not installed: the comparison is skipped, Mappe's figures follow.");
        }
        try {
            DocumentFormat pdfA = DocumentFormat.builder().from(DefaultDocumentFormatRegistry.PDF)
                    .storeProperty(DocumentFamily.TEXT, "FilterData", Map.of("SelectPdfVersion", 2, "UseTaggedPDF", true)).build();
            List<String> filled = TEMPLATES.stream().map(id -> catalogue.shipped(id).orElseThrow())
                    .map(template -> filler.fill(template, context(template))).toList();
            List<byte[]> docx = new ArrayList<>();
            for (int index = 0; index < TEMPLATES.size(); index++) {
                docx.add(docxRenderer.render(filled.get(index), TEMPLATES.get(index)));
            }
            // Both kept warm: LibreOffice is native code, warm after a few documents; the JVM compiles Mappe's
            // render path over thousands of documents, as a service that runs all day has long done.
            long warmUntil = System.nanoTime() + JVM_WARMUP.toNanos();
            int warmRenders = 0;
            while (System.nanoTime() < warmUntil) {
                renderer.render(filled.get(warmRenders % filled.size()), TEMPLATES.get(warmRenders % filled.size()));
                warmRenders++;
            }
            System.out.printf("(Mappe's JVM warmed up for %d s: %d renders)%n", JVM_WARMUP.toSeconds(), warmRenders);
            LocalConverter converter = manager == null ? null : LocalConverter.make(manager);
            double[][] mappe = new double[TEMPLATES.size()][ROUNDS];
            double[][] libreOffice = new double[TEMPLATES.size()][ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                for (int index = 0; index < TEMPLATES.size(); index++) {
                    String id = TEMPLATES.get(index);
                    String xhtml = filled.get(index);
                    mappe[index][round] = median(() -> renderer.render(xhtml, id));
                    if (converter != null) {
                        byte[] source = docx.get(index);
                        libreOffice[index][round] = median(() -> {
                            ByteArrayOutputStream pdf = new ByteArrayOutputStream();
                            converter.convert(new ByteArrayInputStream(source)).as(DefaultDocumentFormatRegistry.DOCX).to(pdf)
                                    .as(pdfA).execute();
                            return pdf.toByteArray();
                        });
                    }
                }
                System.out.printf("(round %d of %d done)%n", round + 1, ROUNDS);
            }
            System.out.printf("%-18s %-28s %-32s %s%n", "template (nb)", "Mappe (the 3 rounds)", "LibreOffice UNO (the 3 rounds)", "ratio");
            List<Double> ratios = new ArrayList<>();
            double oursInAll = 0;
            double theirsInAll = 0;
            for (int index = 0; index < TEMPLATES.size(); index++) {
                double ours = Percentiles.median(mappe[index]);
                if (converter == null) {
                    System.out.printf("%-18s %6.1f ms (%-17s) %-32s %s%n", TEMPLATES.get(index), ours, spread(mappe[index]), "-", "-");
                    continue;
                }
                double theirs = Percentiles.median(libreOffice[index]);
                ratios.add(theirs / ours);
                oursInAll += ours;
                theirsInAll += theirs;
                System.out.printf("%-18s %6.1f ms (%-17s) %6.1f ms (%-20s) %5.1fx%n", TEMPLATES.get(index), ours, spread(mappe[index]),
                        theirs, spread(libreOffice[index]), theirs / ours);
            }
            if (!ratios.isEmpty()) {
                System.out.printf("LibreOffice kept warm takes %.1fx Mappe's time (median over the templates of the medians of %d rounds)%n",
                        Percentiles.median(ratios), ROUNDS);
                // The longer documents weigh more here: the time a batch of one of each takes.
                System.out.printf("and %.1fx over one of each template (%.1f ms against %.1f ms)%n", theirsInAll / oursInAll,
                        theirsInAll, oursInAll);
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

    /** The rounds' medians, lowest to highest, so a reader sees how steady the figure was. */
    private static String spread(double[] rounds) {
        double[] sorted = rounds.clone();
        java.util.Arrays.sort(sorted);
        return java.util.Arrays.stream(sorted).mapToObj(value -> String.format("%.1f", value))
                .collect(java.util.stream.Collectors.joining(" "));
    }

    /** The processor's model: the ratio differs from one machine to another (Java and LibreOffice do not gain alike). */
    private static String processor() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name")).findFirst().map(line -> line.replaceFirst("^[^:]*:\\s*", ""))
                    .orElse("an unknown processor");
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return "an unknown processor";
        }
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
