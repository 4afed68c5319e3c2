package no.mappe.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import no.mappe.cases.Programme;
import no.mappe.config.Resources;
import no.mappe.demo.DemoData;
import no.mappe.security.ProfileService;
import no.mappe.templates.FieldValidator;
import no.mappe.templates.PdfRenderer;
import no.mappe.templates.RenderContext;
import no.mappe.templates.SampleData;
import no.mappe.templates.TemplateCatalogue;
import no.mappe.templates.TemplateFiller;
import org.apache.pdfbox.Loader;

/**
 * Milliseconds per document for every template and language (fill + render to PDF/A-2u with PDF/UA
 * tagging, the hot path of generation), with sample data; tables get 15 rows. Then documents per
 * second with every core busy on a mix of all templates.
 */
public final class TemplateBenchmark {

    private static final int WARMUP = 15;
    private static final int MEASURED = 60;
    private static final int THROUGHPUT_SECONDS = 10;

    private TemplateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        TemplateCatalogue catalogue = TemplateCatalogue.load(Resources.fromClasspath("templates"));
        TemplateFiller filler = new TemplateFiller(catalogue);
        PdfRenderer renderer = new PdfRenderer();
        List<Job> jobs = new ArrayList<>();
        for (TemplateCatalogue.Template template : catalogue.shipped()) {
            for (String language : template.manifest().languages()) {
                jobs.add(new Job(template, context(template, language)));
            }
        }
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.println("Mappe template benchmark (" + cores + " cores, Java " + Runtime.version() + "): fill + render, ms per document");
        System.out.printf("%-26s %-4s %6s %10s %10s%n", "template", "lang", "pages", "median", "p95");
        for (Job job : jobs) {
            for (int i = 0; i < WARMUP; i++) {
                job.run(filler, renderer);
            }
            double[] times = new double[MEASURED];
            byte[] pdf = null;
            for (int i = 0; i < MEASURED; i++) {
                long start = System.nanoTime();
                pdf = job.run(filler, renderer);
                times[i] = (System.nanoTime() - start) / 1e6;
            }
            int pages;
            try (var document = Loader.loadPDF(pdf)) {
                pages = document.getNumberOfPages();
            }
            System.out.printf("%-26s %-4s %6d %8.1f ms %7.1f ms%n", job.template().manifest().id(), job.context().language(), pages,
                    Percentiles.median(times), Percentiles.percentile(times, 95));
        }
        throughput(jobs, filler, renderer, cores);
    }

    private static void throughput(List<Job> jobs, TemplateFiller filler, PdfRenderer renderer, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<Integer>> counts = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            counts.add(pool.submit(() -> {
                int done = 0;
                while (!stop.get()) {
                    jobs.get((offset + done) % jobs.size()).run(filler, renderer);
                    done++;
                }
                return done;
            }));
        }
        Thread.sleep(THROUGHPUT_SECONDS * 1000L);
        stop.set(true);
        int total = 0;
        for (Future<Integer> count : counts) {
            total += count.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        System.out.printf("throughput, %d threads, all templates mixed: %.0f documents/s (%d in %.1f s)%n", threads, total / seconds,
                total, seconds);
    }

    private static RenderContext context(TemplateCatalogue.Template template, String language) {
        String profile = "da".equals(language) ? "/demo/profile-vestera.yaml" : "/demo/profile-lysheim.yaml";
        return new RenderContext(language, "Lysheim Arbeid AS", "Åse Ærø Bjørnstad", LocalDate.of(1990, 4, 5), "AFT",
                Programme.displayName("AFT", language), LocalDate.of(2026, 1, 5), "Øystein Brænne", LocalDate.of(2026, 11, 23),
                ProfileService.templateView(DemoData.profile(profile)),
                FieldValidator.validate(template.manifest(), SampleData.withRows(template.manifest(), 15)));
    }

    private record Job(TemplateCatalogue.Template template, RenderContext context) {
        byte[] run(TemplateFiller filler, PdfRenderer renderer) {
            return renderer.render(filler.fill(template, context), template.manifest().id());
        }
    }
}
