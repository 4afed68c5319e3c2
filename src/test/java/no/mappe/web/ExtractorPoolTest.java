package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import no.mappe.search.TextExtractor;
import no.mappe.testing.Api;
import no.mappe.testing.Api.Response;
import no.mappe.testing.Documents;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long-lived text extractors with one child and three waiting places: a child killed mid-file costs
 * that upload its text only, a full queue is answered 429, warm children are fast, and none outlives
 * the service.
 */
class ExtractorPoolTest {

    @TempDir
    static Path dataDir;
    private static MappeServer server;
    private static Api counsellor;
    private static String caseId;

    @BeforeAll
    static void start() {
        server = MappeServer.start(dataDir, Map.of("MAPPE_EXTRACTORS", "1", "MAPPE_EXTRACTION_QUEUE", "3",
                "MAPPE_EXTRACTORS_AT_START", "true"));
        counsellor = server.login("veileder");
        caseId = Documents.firstCase(counsellor);
    }

    @AfterAll
    static void stopLeavesNoChildBehind() throws Exception {
        List<ProcessHandle> children = extractor().processes();
        server.close();
        for (ProcessHandle child : children) {
            assertThat(child.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS).isAlive()).as("extractor child after stop").isFalse();
        }
        assertThat(extractor().processes()).isEmpty();
    }

    @Test
    void aChildKilledMidFileCostsThatUploadItsTextOnlyAndIsReplacedBeforeTheNextUpload() throws Exception {
        awaitReady();
        ProcessHandle child = extractor().processes().getFirst();
        Duration cpuBefore = child.info().totalCpuDuration().orElse(Duration.ZERO);
        byte[] report = pdf(3000); // seconds of work for Tika, and small
        int before = documentsInCase();
        CompletableFuture<Response> upload = CompletableFuture.supplyAsync(() -> upload(report, "application/pdf"));
        // killed while it works on the file: once it has spent CPU time on it
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (child.info().totalCpuDuration().orElse(Duration.ZERO).minus(cpuBefore).toMillis() < 300 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(child.destroyForcibly()).isTrue();
        Response killed = upload.get();
        assertThat(killed.status()).as(killed.toString()).isEqualTo(201);
        assertThat(killed.json().get("textExtraction").asText()).as("killed before it was done").isEqualTo("unreadable");
        assertThat(documentsInCase()).isEqualTo(before + 1);
        assertThat(counsellor.get("/api/documents/" + killed.json().get("id").asText() + "/content").bytes()).isEqualTo(report);

        awaitReady(); // replaced without any upload asking for it
        assertThat(extractor().processes()).extracting(ProcessHandle::pid).doesNotContain(child.pid()).hasSize(1);
        long start = System.nanoTime();
        Response next = upload("Brev fra NAV Heimdal om Smørbukkløypa.".getBytes(StandardCharsets.UTF_8), "text/plain");
        assertThat(seconds(start)).as("the next upload does not wait for a JVM to start").isLessThan(2);
        assertThat(next.json().get("textExtraction").asText()).isEqualTo("text");
    }

    @Test
    void uploadsBeyondTheQueueAreAnswered429WithRetryAfterAndNothingStored() throws Exception {
        awaitReady();
        byte[] large = pdf(300); // a few hundred milliseconds for Tika
        int before = documentsInCase();
        int parallel = 12;
        ExecutorService clients = Executors.newFixedThreadPool(parallel);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Response>> answers = new ArrayList<>();
        for (int i = 0; i < parallel; i++) {
            answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return upload(large, "application/pdf");
            }, clients));
        }
        go.countDown();
        List<Response> responses = answers.stream().map(CompletableFuture::join).toList();
        clients.shutdown();
        List<Response> refused = responses.stream().filter(response -> response.status() == 429).toList();
        long stored = responses.stream().filter(response -> response.status() == 201).count();
        assertThat(responses).extracting(Response::status).as("stored or told to come back").containsOnly(201, 429);
        assertThat(refused).as("one child and three waiting places cannot take 12 at once").isNotEmpty();
        assertThat(stored).isPositive();
        for (Response response : refused) {
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(Integer.parseInt(response.header("Retry-After"))).isPositive();
            assertThat(response.json().get("detail").asText()).contains("nothing was stored", "again");
        }
        assertThat(documentsInCase()).as("only the accepted uploads are stored").isEqualTo(before + (int) stored);
    }

    @Test
    void warmChildrenReadSmallFilesFarFasterThanAJvmPerFile() throws Exception {
        awaitReady();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        long start = System.nanoTime();
        List<CompletableFuture<Response>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            byte[] letter = ("Brev nummer " + i + " fra NAV Heimdal om arbeidsavklaringspenger.").getBytes(StandardCharsets.UTF_8);
            answers.add(CompletableFuture.supplyAsync(() -> upload(letter, "text/plain"), clients));
        }
        List<Integer> statuses = answers.stream().map(CompletableFuture::join).map(Response::status).toList();
        double seconds = seconds(start);
        clients.shutdown();
        // a fresh JVM per file took 0.7 s each, two at a time: 14 s for 40 on a quiet machine
        assertThat(statuses).as("four clients fit one child and three waiting places").containsOnly(201);
        assertThat(seconds).as("40 small uploads, 4 clients").isLessThan(10);
    }

    /** A report of many pages with a line each. */
    private static byte[] pdf(int pages) throws java.io.IOException {
        try (org.apache.pdfbox.pdmodel.PDDocument document = new org.apache.pdfbox.pdmodel.PDDocument();
             java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            org.apache.pdfbox.pdmodel.font.PDType1Font font = new org.apache.pdfbox.pdmodel.font.PDType1Font(
                    org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA);
            for (int number = 1; number <= pages; number++) {
                org.apache.pdfbox.pdmodel.PDPage page = new org.apache.pdfbox.pdmodel.PDPage();
                document.addPage(page);
                try (org.apache.pdfbox.pdmodel.PDPageContentStream content = new org.apache.pdfbox.pdmodel.PDPageContentStream(document,
                        page)) {
                    content.beginText();
                    content.setFont(font, 12);
                    content.newLineAtOffset(72, 700);
                    content.showText("Side " + number + " av referatet fra NAV Heimdal.");
                    content.endText();
                }
            }
            document.save(out);
            return out.toByteArray();
        }
    }

    private static TextExtractor extractor() {
        return server.app().textExtractor();
    }

    private static void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (extractor().ready() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(extractor().ready()).as("a started child waits for files").isEqualTo(1);
    }

    private static int documentsInCase() {
        return counsellor.get("/api/cases/" + caseId + "/documents").json().get("documents").size();
    }

    private static Response upload(byte[] body, String contentType) {
        return counsellor.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/api/cases/" + caseId + "/uploads?accessLevel=3"))
                .header("Content-Type", contentType).header("X-CSRF-Token", counsellor.csrfToken())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
