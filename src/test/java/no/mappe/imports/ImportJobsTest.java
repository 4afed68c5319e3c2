package no.mappe.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.mappe.demo.DemoData;
import no.mappe.testing.Api;
import no.mappe.testing.AtOnce;
import no.mappe.testing.ImportFiles;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Import jobs over HTTP: the leader's own, refused whole when broken, and never doubling a file when sent twice at once. */
class ImportJobsTest {

    @TempDir
    static Path dataDir;
    private static MappeServer server;
    private static Api leader;
    private static List<String> caseIds;

    @BeforeAll
    static void start() {
        server = MappeServer.start(dataDir);
        leader = server.login("leder");
        caseIds = new ArrayList<>();
        leader.get("/api/cases").json().get("cases").forEach(found -> caseIds.add(found.get("id").asText()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aLeaderFollowsAJobToItsReportWhichNoOtherOrganisationSees() throws Exception {
        JsonNode referred = leader.get("/api/cases/" + caseIds.get(3)).json();
        Api.Response edited = leader.put("/api/cases/" + caseIds.get(3), """
                {"participant": {"name": "%s", "birthDate": "%s"}, "startDate": "%s", "referral": {"reference": "NAV-2017-4711"},
                 "version": %d}""".formatted(referred.get("participant").get("name").asText(),
                referred.get("participant").get("birthDate").asText(), referred.get("startDate").asText(),
                referred.get("version").asInt()));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        Map<String, byte[]> files = new LinkedHashMap<>();
        StringBuilder csv = new StringBuilder("file,case,reference,type,date,access level\n");
        for (int i = 1; i <= 3; i++) {
            files.put("brev/jobbrev" + i + ".txt", ImportFiles.letter("Jobbfjellet" + i));
            csv.append("brev/jobbrev").append(i).append(".txt,").append(i == 3 ? ",NAV-2017-4711" : caseIds.get(i) + ",")
                    .append(",upload,2017-05-0").append(i).append(",3\n");
        }
        csv.append("brev/mangler.txt,").append(caseIds.get(0)).append(",,upload,2017-05-09,3\n");
        Api.Response started = send(leader, files, csv.toString());
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String jobId = started.json().get("id").asText();
        assertThat(started.header("Location")).isEqualTo("/api/imports/" + jobId);

        JsonNode done = waitUntilDone(leader, jobId);
        assertThat(done.get("status").asText()).isEqualTo("done");
        assertThat(List.of(done.get("total").asInt(), done.get("imported").asInt(), done.get("skipped").asInt(),
                done.get("failed").asInt())).containsExactly(4, 3, 0, 1);
        JsonNode missing = done.get("report").get(3);
        assertThat(missing.get("line").asInt()).isEqualTo(5);
        assertThat(missing.get("code").asText()).isEqualTo("file-missing");
        assertThat(missing.get("explanation").asText()).startsWith("Filen finnes ikke");
        String byReference = done.get("report").get(2).get("documentId").asText();
        assertThat(leader.get("/api/documents/" + byReference).json().get("caseId").asText()).isEqualTo(caseIds.get(3));
        assertThat(done.get("report").get(0).get("textExtraction").asText()).as("Tika within its 10 s (an overloaded machine: no)")
                .isEqualTo("text");
        String documentId = done.get("report").get(0).get("documentId").asText();
        assertThat(leader.get("/api/search?q=jobbfjellet1").json().get("documents")).extracting(d -> d.get("id").asText())
                .containsExactly(documentId);

        assertThat(server.login("leder-dk").get("/api/imports/" + jobId).status()).isEqualTo(404);
        Api counsellor = server.login("veileder");
        assertThat(counsellor.get("/api/imports/" + jobId).status()).isEqualTo(403);
        assertThat(send(counsellor, files, csv.toString()).status()).isEqualTo(403);
        assertThat(leader.get("/api/imports/" + jobId.replace('-', '0')).status()).isEqualTo(404);
    }

    @Test
    void aBrokenCaseMapOrAHostileZipIsRefusedBeforeAnythingIsStored() throws Exception {
        Map<String, byte[]> files = Map.of("a.txt", ImportFiles.letter("Avvistfjell"));
        String badDate = "fil;sak;type;dato;tilgangsnivå\na.txt;" + caseIds.get(0) + ";upload;2017-05-01;3\na.txt;" + caseIds.get(0)
                + ";upload;31.31.2017;3\n";
        Api.Response refused = send(leader, files, badDate);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body()).contains("line 3").contains("31.31.2017");
        Api.Response noHeader = send(leader, files, "a.txt;" + caseIds.get(0) + "\n");
        assertThat(noHeader.status()).isEqualTo(422);
        assertThat(noHeader.body()).contains("line 1");

        String good = "file;case\nbrev.txt;" + caseIds.get(0) + "\n";
        Api.Response bomb = leader.postParts("/api/imports", Map.of("caseMap", good.getBytes(StandardCharsets.UTF_8),
                "files", ImportFiles.zipBomb()));
        assertThat(bomb.status()).as(bomb.toString()).isEqualTo(422);
        assertThat(bomb.body()).contains("decompression bomb");
        Api.Response escaping = leader.postParts("/api/imports", Map.of("caseMap", good.getBytes(StandardCharsets.UTF_8),
                "files", ImportFiles.zip(Map.of("../brev.txt", ImportFiles.letter("Utenfor")))));
        assertThat(escaping.status()).isEqualTo(422);
        assertThat(leader.get("/api/search?q=avvistfjell").json().get("documents")).isEmpty();
    }

    @Test
    void theSameImportSentTwiceAtOnceStoresEachFileOnce() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        StringBuilder csv = new StringBuilder("fil;sak\n");
        for (int i = 1; i <= 4; i++) {
            files.put("tvilling" + i + ".txt", ImportFiles.letter("Tvillingtind" + i));
            csv.append("tvilling").append(i).append(".txt;").append(caseIds.get(0)).append('\n');
        }
        int before = server.app().archive().listByCase(DemoData.NORWEGIAN_ORGANISATION, caseIds.get(0)).size();
        List<Api.Response> both = AtOnce.send(() -> send(leader, files, csv.toString()), () -> send(leader, files, csv.toString()));
        assertThat(both).extracting(Api.Response::status).containsExactly(202, 202);
        JsonNode first = waitUntilDone(leader, both.get(0).json().get("id").asText());
        JsonNode second = waitUntilDone(leader, both.get(1).json().get("id").asText());
        // Both finish; between them every file was stored exactly once, the rest skipped as already imported.
        assertThat(first.get("imported").asInt() + second.get("imported").asInt()).isEqualTo(4);
        assertThat(first.get("skipped").asInt() + second.get("skipped").asInt()).isEqualTo(4);
        assertThat(server.app().archive().listByCase(DemoData.NORWEGIAN_ORGANISATION, caseIds.get(0))).hasSize(before + 4);
    }

    private static Api.Response send(Api api, Map<String, byte[]> files, String caseMap) {
        try {
            return api.postParts("/api/imports", Map.of("caseMap", caseMap.getBytes(StandardCharsets.UTF_8),
                    "files", ImportFiles.zip(files)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode waitUntilDone(Api api, String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        JsonNode job = api.get("/api/imports/" + jobId).json();
        int lastDone = 0;
        while (job.get("status").asText().equals("running") && System.nanoTime() < deadline) {
            assertThat(job.get("done").asInt()).as("progress never goes back").isGreaterThanOrEqualTo(lastDone);
            lastDone = job.get("done").asInt();
            assertThat(job.path("report").isMissingNode()).as("no report before the end").isTrue();
            Thread.sleep(100);
            job = api.get("/api/imports/" + jobId).json();
        }
        return job;
    }
}
