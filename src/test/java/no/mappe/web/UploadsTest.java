package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import no.mappe.archive.Document;
import no.mappe.demo.DemoData;
import no.mappe.testing.Api;
import no.mappe.testing.Documents;
import no.mappe.testing.ImportFiles;
import no.mappe.testing.Api.Response;
import no.mappe.testing.MappeServer;
import no.mappe.untrusted.ChildProcesses;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** External files: kept byte for byte, searchable by their text, and hostile ones never hurt the service. */
class UploadsTest {

    @TempDir
    static Path dataDir;
    private static MappeServer server;
    private static Api counsellor;
    private static String caseId;

    @BeforeAll
    static void start() {
        server = MappeServer.start(dataDir);
        counsellor = server.login("veileder");
        caseId = Documents.firstCase(counsellor);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aLetterIsKeptByteForByteAndFoundByItsWords() {
        byte[] letter = "Brev fra NAV Heimdal om Vedtaksbrevet for arbeidsavklaringspenger og Smørbukkløypa.\n"
                .getBytes(StandardCharsets.UTF_8);
        Response uploaded = upload(letter, "text/plain", "");
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        assertThat(uploaded.json().get("textExtraction").asText()).isEqualTo("text");
        String id = uploaded.json().get("id").asText();
        assertThat(counsellor.get("/api/documents/" + id + "/content").bytes()).isEqualTo(letter);
        assertThat(counsellor.get("/api/documents/" + id + "/pdf").status()).isEqualTo(404);
        assertThat(counsellor.get("/api/search?q=sm%C3%B8rbukkl%C3%B8ypa").json().get("documents"))
                .extracting(d -> d.get("id").asText()).contains(id);
        assertThat(upload(letter, "text/plain", "&type=payslip").status()).isEqualTo(422);
        assertThat(server.login("kontor").postRaw("/api/cases/" + caseId + "/uploads", "x", "text/plain", true).status())
                .isEqualTo(403);
    }

    @Test
    void hostileFilesAreAnsweredQuicklyAndTheServiceKeepsServing() throws Exception {
        long start = System.nanoTime();
        byte[] zipBomb = ImportFiles.zipBomb();
        assertThat(zipBomb.length).as("about 10 KB").isLessThan(20_000);
        Response bomb = upload(zipBomb, "application/zip", "");
        assertThat(seconds(start)).as("zip bomb answered within").isLessThan(5);
        assertThat(bomb.status()).as(bomb.toString()).isEqualTo(422);
        assertThat(bomb.json().get("errors").get(0).get("message").asText()).contains("decompression bomb");

        byte[] pdf = counsellor.get("/api/documents/" + counsellor.get("/api/search?q=&type=consent").json().get("documents").get(0)
                .get("id").asText() + "/pdf").bytes();
        byte[] truncated = java.util.Arrays.copyOf(pdf, pdf.length / 2);
        start = System.nanoTime();
        Response broken = upload(truncated, "application/pdf", "");
        assertThat(seconds(start)).as("truncated PDF answered within").isLessThan(5);
        assertThat(broken.status()).as(broken.toString()).isEqualTo(201);
        assertThat(counsellor.get("/api/documents/" + broken.json().get("id").asText() + "/content").bytes()).isEqualTo(truncated);

        byte[] random = new byte[50 * 1024 * 1024];
        new Random(7).nextBytes(random);
        start = System.nanoTime();
        CompletableFuture<Response> big = CompletableFuture.supplyAsync(() -> upload(random, "application/octet-stream", ""));
        Thread.sleep(300);
        long healthStart = System.nanoTime();
        assertThat(server.anonymous().get("/health").status()).isEqualTo(200);
        assertThat(seconds(healthStart)).as("other requests are served meanwhile").isLessThan(1);
        Response stored = big.get();
        assertThat(seconds(start)).as("50 MB random file answered within the extraction's time limit").isLessThan(12);
        assertThat(stored.status()).as(stored.toString()).isEqualTo(201);
        assertThat(server.anonymous().get("/health").status()).isEqualTo(200);
    }

    @Test
    void theExtractedTextIsExactlyTheFilesWordsWithNoLogLines() {
        String words = "Brev fra NAV Heimdal om oppfølging i Vaskeriet Tordenskjold.";
        Response uploaded = upload(words.getBytes(StandardCharsets.UTF_8), "text/plain", "");
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        Document stored = server.app().archive().find(DemoData.NORWEGIAN_ORGANISATION, uploaded.json().get("id").asText()).orElseThrow();
        assertThat(server.app().documents().storedText(stored)).hasValue(words);
        assertThat(counsellor.get("/api/search?q=log4j").json().get("total").asInt()).isZero();
    }

    @Test
    void aLetterWrittenDecomposedIsFoundByItsComposedSpelling() {
        String letter = java.text.Normalizer.normalize("Påmelding til Crème brûlée-kurset.", java.text.Normalizer.Form.NFD);
        Response uploaded = upload(letter.getBytes(StandardCharsets.UTF_8), "text/plain", "");
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        assertThat(counsellor.get("/api/search?q=br%C3%BBl%C3%A9e").json().get("documents")).extracting(d -> d.get("id").asText())
                .contains(uploaded.json().get("id").asText());
    }

    @Test
    void aZipThatExpandsToAGigabyteIsRefusedInSecondsWhileOthersAreServed() throws Exception {
        byte[] bomb = gigabyteZip();
        assertThat(bomb.length).as("about 1 MB").isBetween(500_000, 2_000_000);
        int before = documentsInCase();
        long start = System.nanoTime();
        CompletableFuture<Response> refused = CompletableFuture.supplyAsync(() -> upload(bomb, "application/zip", ""));
        assertHealthAnswersQuickly(server, refused);
        Response response = refused.get();
        assertThat(seconds(start)).as("1 GB zip answered within").isLessThan(5);
        assertThat(response.status()).as(response.toString()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("message").asText()).contains("decompression bomb");
        assertThat(documentsInCase()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void zipsNestedTenDeepAreRefused() throws Exception {
        byte[] nested = zip("brev.txt", "Smørbukkløypa i Vaskeriet".getBytes(StandardCharsets.UTF_8));
        for (int level = 2; level <= 10; level++) {
            nested = zip("niva" + level + ".zip", nested);
        }
        int before = documentsInCase();
        long start = System.nanoTime();
        Response response = upload(nested, "application/zip", "");
        assertThat(seconds(start)).isLessThan(5);
        assertThat(response.status()).as(response.toString()).isEqualTo(422);
        assertThat(response.json().get("errors").get(0).get("message").asText()).contains("nested");
        assertThat(documentsInCase()).isEqualTo(before);
    }

    @Test
    void ordinaryOfficeFilesMailsPdfsAndSmallZipsStillGiveTheirText() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx("Kvernhusveien"));
        files.put("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx("Timelistemal"));
        files.put("application/vnd.oasis.opendocument.text", odt("Kantinesjef"));
        files.put("message/rfc822", ("From: nav@example.no\r\nTo: veileder@example.no\r\nSubject: Referat\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nMøtereferatet fra Heimdal.\r\n").getBytes(StandardCharsets.UTF_8));
        files.put("application/pdf", pdf("Vedtaksbrevet"));
        files.put("application/zip", zip("pakkeliste.txt", "Pakkelisten til praksisplassen.".getBytes(StandardCharsets.UTF_8)));
        Map<String, String> wordOf = Map.of("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "kvernhusveien",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "timelistemal",
                "application/vnd.oasis.opendocument.text", "kantinesjef", "message/rfc822", "møtereferatet",
                "application/pdf", "vedtaksbrevet", "application/zip", "pakkelisten");
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Response uploaded = upload(file.getValue(), file.getKey(), "");
            assertThat(uploaded.status()).as(file.getKey() + ": " + uploaded).isEqualTo(201);
            assertThat(uploaded.json().get("textExtraction").asText()).as(file.getKey()).isEqualTo("text");
            String word = java.net.URLEncoder.encode(wordOf.get(file.getKey()), StandardCharsets.UTF_8);
            assertThat(counsellor.get("/api/search?q=" + word).json().get("documents")).as(file.getKey())
                    .extracting(d -> d.get("id").asText()).contains(uploaded.json().get("id").asText());
        }
    }

    @Test
    void whenEveryReaderStaysBusyTheUploadIsToldToTryAgainAndNothingIsStored() throws Exception {
        ChildProcesses children = server.app().childProcesses();
        List<Thread> sleepers = new ArrayList<>();
        for (int i = 0; i < children.capacity(); i++) {
            sleepers.add(Thread.ofPlatform().start(() -> {
                try {
                    children.run(List.of("sleep", "13"), Map.of(), new byte[0], Duration.ofSeconds(20), 10);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        Thread.sleep(1000);
        int before = documentsInCase();
        long start = System.nanoTime();
        Response busy = upload("Et brev.".getBytes(StandardCharsets.UTF_8), "text/plain", "");
        assertThat(seconds(start)).as("told after the queue limit, not left hanging").isLessThan(12);
        assertThat(busy.status()).as(busy.toString()).isEqualTo(503);
        assertThat(busy.contentType()).startsWith("application/problem+json");
        assertThat(busy.header("Retry-After")).isNotBlank();
        assertThat(busy.json().get("detail").asText()).contains("again", "nothing was stored");
        assertThat(documentsInCase()).isEqualTo(before);
        for (Thread sleeper : sleepers) {
            sleeper.join();
        }
        assertThat(upload("Et brev.".getBytes(StandardCharsets.UTF_8), "text/plain", "").status()).isEqualTo(201);
    }

    /** Asserts that /health answers within a second, again and again, until the other request is done. */
    static void assertHealthAnswersQuickly(MappeServer server, CompletableFuture<?> other) throws InterruptedException {
        do {
            long start = System.nanoTime();
            assertThat(server.anonymous().get("/health").status()).isEqualTo(200);
            assertThat(seconds(start)).as("/health while a hostile file is read").isLessThan(1);
            Thread.sleep(200);
        } while (!other.isDone());
    }

    private static int documentsInCase() {
        return counsellor.get("/api/cases/" + caseId + "/documents").json().get("documents").size();
    }

    private static Response upload(byte[] body, String contentType, String query) {
        return counsellor.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/api/cases/" + caseId + "/uploads?accessLevel=3"
                        + query))
                .header("Content-Type", contentType).header("X-CSRF-Token", counsellor.csrfToken())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** About 1 MB that unpacks to 1 GB, written through the deflater a megabyte at a time: never a gigabyte in memory. */
    private static byte[] gigabyteZip() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(9);
            zip.putNextEntry(new ZipEntry("brev.txt"));
            byte[] megabyte = new byte[1024 * 1024];
            java.util.Arrays.fill(megabyte, (byte) 'a');
            for (int i = 0; i < 1024; i++) {
                zip.write(megabyte);
            }
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static byte[] zip(String name, byte[] content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static byte[] docx(String word) throws Exception {
        try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.createParagraph().createRun().setText("Sluttrapport: praksis i " + word + " 12.");
            document.write(out);
            return out.toByteArray();
        }
    }

    private static byte[] xlsx(String word) throws Exception {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            workbook.createSheet("Uke 12").createRow(0).createCell(0).setCellValue(word + " for uke 12");
            workbook.write(out);
            return out.toByteArray();
        }
    }

    /** The smallest OpenDocument text: its media type first and stored, then the content. */
    private static byte[] odt(String word) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            byte[] mimetype = "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
            ZipEntry first = new ZipEntry("mimetype");
            first.setMethod(ZipEntry.STORED);
            first.setSize(mimetype.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(mimetype);
            first.setCrc(crc.getValue());
            zip.putNextEntry(first);
            zip.write(mimetype);
            zip.putNextEntry(new ZipEntry("META-INF/manifest.xml"));
            zip.write(("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
                     <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
                     <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
                    </manifest:manifest>""").getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("content.xml"));
            zip.write(("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
                      xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
                     <office:body><office:text><text:p>Samtale med %s i Ørsta.</text:p></office:text></office:body>
                    </office:document-content>""").formatted(word).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static byte[] pdf(String word) throws Exception {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText(word + " fra NAV Heimdal.");
                content.endText();
            }
            document.save(out);
            return out.toByteArray();
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
