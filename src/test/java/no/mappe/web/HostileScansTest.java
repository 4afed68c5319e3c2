package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import no.mappe.testing.Api;
import no.mappe.testing.Api.Response;
import no.mappe.testing.Documents;
import no.mappe.testing.MappeServer;
import no.mappe.testing.PdfChecks;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceGray;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scans and images built to exhaust memory (tiny files that claim giant pages or hold giant images)
 * get a 422 that says what to do, in seconds, and the service keeps serving meanwhile. Every file
 * is made here: a few kilobytes that would decode to gigabytes.
 */
class HostileScansTest {

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
    void aTinyPdfOfThirtyGiantPagesIsRefusedBeforeAnyPageIsDrawn() throws Exception {
        byte[] pdf;
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int i = 0; i < 30; i++) {
                document.addPage(new PDPage(new PDRectangle(5000, 5000)));
            }
            document.save(out);
            pdf = out.toByteArray();
        }
        assertThat(pdf.length).isLessThan(10_000);
        Response refused = refusedQuickly(consent(), pdf, "application/pdf");
        assertThat(refused.json().get("errors").get(0).get("message").asText()).contains("larger than A2");
    }

    @Test
    void aSmallTiffOfThirtyHugePagesIsRefusedFromItsHeaders() throws Exception {
        byte[] tiff = tiff(30, 6000, 6000, (byte) 0);
        assertThat(tiff.length).as("about 120 KB").isLessThan(200_000);
        Response refused = refusedQuickly(consent(), tiff, "image/tiff");
        assertThat(refused.json().get("errors").get(0).get("message").asText()).contains("megapixels in all", "300 dpi");
    }

    @Test
    void aPngThatClaimsTwentyTwoThousandPixelsSquareIsRefusedFromItsHeader() throws Exception {
        String signature = "data:image/png;base64," + Base64.getEncoder().encodeToString(pngHeaderOnly(22_000, 22_000));
        String id = consent();
        long start = System.nanoTime();
        Response refused = counsellor.post("/api/documents/" + id + "/signatures",
                "{\"signer\": \"participant\", \"image\": \"" + signature + "\"}");
        assertThat(seconds(start)).isLessThan(2);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().get("errors").get(0).get("message").asText()).isEqualTo("must be at most 2400 x 1200 pixels");
    }

    @Test
    void aPdfPageHoldingAHugeImageIsAnsweredInSecondsAndTheServiceKeepsServing() throws Exception {
        byte[] pdf = pdfWithImage(20_000, 20_000);
        assertThat(pdf.length).isLessThan(1_000_000);
        String id = consent();
        long start = System.nanoTime();
        CompletableFuture<Response> answer = CompletableFuture.supplyAsync(() -> scan(id, pdf, "application/pdf"));
        UploadsTest.assertHealthAnswersQuickly(server, answer);
        Response response = answer.get();
        assertThat(seconds(start)).isLessThan(30);
        assertThat(response.status()).as(response.toString()).isIn(201, 422);
        assertThat(counsellor.get("/api/documents/" + consent()).status()).as("still serving").isEqualTo(200);
    }

    @Test
    void aLargeButHonestScanIsReadOnePageAtATime() throws Exception {
        byte[] tiff = tiff(2, 4960, 7016, (byte) 0xFF); // two A4 pages at 600 dpi, 35 megapixels each
        String id = consent();
        Response signed = scan(id, tiff, "image/tiff");
        assertThat(signed.status()).as(signed.toString()).isEqualTo(201);
        assertThat(signed.json().get("status").asText()).isEqualTo("signed");
        byte[] pdf = counsellor.get("/api/documents/" + id + "/pdf").bytes();
        try (PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).as("two scanned pages and the evidence page").isGreaterThanOrEqualTo(3);
        }
        assertThat(PdfChecks.text(pdf)).contains("Signaturbevis");
    }

    private static Response refusedQuickly(String documentId, byte[] file, String contentType) throws Exception {
        long start = System.nanoTime();
        CompletableFuture<Response> answer = CompletableFuture.supplyAsync(() -> scan(documentId, file, contentType));
        UploadsTest.assertHealthAnswersQuickly(server, answer);
        Response refused = answer.get();
        assertThat(seconds(start)).as("answered within").isLessThan(10);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(counsellor.get("/api/documents/" + documentId).json().get("status").asText()).as("unchanged").isEqualTo("draft");
        return refused;
    }

    private static Response scan(String documentId, byte[] body, String contentType) {
        return counsellor.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/api/documents/" + documentId + "/scans"))
                .header("Content-Type", contentType).header("X-CSRF-Token", counsellor.csrfToken())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static String consent() {
        Response created = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "consent", "fields": {"recipients": ["NAV Heimdal"], "purpose": "Samarbeid om oppfølgingen."}}""");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    /**
     * A baseline TIFF whose pages all point at one Deflate strip of width x height RGB pixels of one
     * value: megabytes of pixels per page from a hundred kilobytes of file.
     */
    private static byte[] tiff(int pages, int width, int height, byte value) throws Exception {
        byte[] strip = deflated((long) width * height * 3, value);
        int bitsOffset = 8 + strip.length;
        int firstIfd = bitsOffset + 6;
        int ifdSize = 2 + 10 * 12 + 4;
        ByteBuffer file = ByteBuffer.allocate(firstIfd + pages * ifdSize).order(ByteOrder.LITTLE_ENDIAN);
        file.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(firstIfd);
        file.put(strip);
        file.putShort((short) 8).putShort((short) 8).putShort((short) 8);
        for (int page = 0; page < pages; page++) {
            file.putShort((short) 10);
            entry(file, 256, 4, width);
            entry(file, 257, 4, height);
            file.putShort((short) 258).putShort((short) 3).putInt(3).putInt(bitsOffset);
            entry(file, 259, 3, 8);
            entry(file, 262, 3, 2);
            entry(file, 273, 4, 8);
            entry(file, 277, 3, 3);
            entry(file, 278, 4, height);
            entry(file, 279, 4, strip.length);
            entry(file, 284, 3, 1);
            file.putInt(page + 1 < pages ? firstIfd + (page + 1) * ifdSize : 0);
        }
        return file.array();
    }

    private static void entry(ByteBuffer file, int tag, int type, int value) {
        file.putShort((short) tag).putShort((short) type).putInt(1);
        if (type == 3) {
            file.putShort((short) value).putShort((short) 0);
        } else {
            file.putInt(value);
        }
    }

    /** A zlib stream of {@code length} equal bytes, made a megabyte at a time. */
    private static byte[] deflated(long length, byte value) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[1 << 20];
        java.util.Arrays.fill(chunk, value);
        try (DeflaterOutputStream deflater = new DeflaterOutputStream(out, new Deflater(9), 1 << 16)) {
            for (long written = 0; written < length; written += chunk.length) {
                deflater.write(chunk, 0, (int) Math.min(chunk.length, length - written));
            }
        }
        return out.toByteArray();
    }

    /** A PNG whose header says width x height (RGBA), with a token image data chunk: the header alone must refuse it. */
    private static byte[] pngHeaderOnly(int width, int height) throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 6).put((byte) 0)
                .put((byte) 0).put((byte) 0).array());
        chunk(png, "IDAT", deflated(4096, (byte) 0));
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) throws Exception {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        png.write(ByteBuffer.allocate(4).putInt(data.length).array());
        png.write(name);
        png.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        png.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** One A4 page showing a width x height greyscale image, Flate-compressed: 400 MB of pixels in a few hundred KB. */
    private static byte[] pdfWithImage(int width, int height) throws Exception {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDStream pixels = new PDStream(document, new ByteArrayInputStream(deflated((long) width * height, (byte) 0x80)),
                    COSName.FLATE_DECODE);
            PDImageXObject image = new PDImageXObject(pixels, null);
            image.setWidth(width);
            image.setHeight(height);
            image.setBitsPerComponent(8);
            image.setColorSpace(PDDeviceGray.INSTANCE);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.drawImage(image, 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
            }
            document.save(out);
            return out.toByteArray();
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
