package no.mappe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.mappe.demo.DemoData;
import no.mappe.testing.Api;
import no.mappe.testing.ImportFiles;
import no.mappe.testing.JavaCommand;
import no.mappe.testing.MappeCommand;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mappe import} as an operator runs it, a separate process on a real data directory: killed with SIGKILL
 * part-way, run again (it imports the rest, duplicates nothing), and once more (it skips everything); what it
 * stored is found by search, with the business dates of the case map.
 */
class ImportCommandTest {

    private static final int LETTERS = 8;
    /** The letters, the Word file, the PDF and the broken PDF. */
    private static final int STORABLE = LETTERS + 3;

    @TempDir
    Path dataDir;
    @TempDir
    Path archive;

    @Test
    void anInterruptedImportIsFinishedByRunningItAgainAndARerunSkipsEverything() throws Exception {
        List<String> caseIds;
        try (MappeServer server = MappeServer.start(dataDir)) {
            caseIds = new ArrayList<>();
            server.login("leder").get("/api/cases").json().get("cases").forEach(found -> caseIds.add(found.get("id").asText()));
        }
        Path caseMap = writeArchive(caseIds);

        Process killed = start(caseMap, "--workers", "1");
        waitForProgress(killed, 2);
        killed.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook, no clean close
        int afterKill = count("SELECT COUNT(*) FROM imported_files");
        assertThat(count("SELECT COUNT(*) FROM documents WHERE created_by = 'import'")).isEqualTo(afterKill);

        MappeCommand.Result resumed = run(caseMap, "--report", archive.resolve("report.csv").toString());
        assertThat(resumed.exitCode()).as(resumed.output()).isEqualTo(1); // some rows fail
        assertThat(resumed.output()).contains((STORABLE - afterKill) + " imported, " + afterKill + " skipped (already imported), 3 failed");
        assertThat(count("SELECT COUNT(*) FROM documents WHERE created_by = 'import'")).isEqualTo(STORABLE);
        assertThat(count("SELECT COUNT(*) FROM imported_files")).isEqualTo(STORABLE);
        String report = Files.readString(archive.resolve("report.csv"), StandardCharsets.UTF_8);
        assertThat(report).startsWith("\uFEFFLinje i filoversikten;Fil;Resultat;Kode;Forklaring;Dokument;Tekst");
        int bomb = LETTERS + 5; // after the header, the letters, the Word file, the PDF and the broken PDF
        assertThat(report).containsPattern("\\n" + bomb + ";bomber/brev.zip;Ikke importert;file-refused;Filen ble avvist")
                .containsPattern("\\n" + (bomb + 1) + ";brev/ukjent.txt;Ikke importert;case-unknown;Saken finnes ikke")
                .containsPattern("\\n" + (bomb + 2) + ";brev/borte.txt;Ikke importert;file-missing;")
                .containsPattern("\\n" + (bomb - 1) + ";skann/ødelagt.pdf;Importert;;;[0-9a-f-]{36};unreadable");
        assertThat(resumed.output()).doesNotContain("Heimdal").doesNotContain("Exception");

        MappeCommand.Result again = run(caseMap, "--report", archive.resolve("again.csv").toString());
        assertThat(again.output()).contains("0 imported, " + STORABLE + " skipped (already imported), 3 failed");
        assertThat(count("SELECT COUNT(*) FROM documents WHERE created_by = 'import'")).isEqualTo(STORABLE);

        try (MappeServer server = MappeServer.start(dataDir)) {
            Api leader = server.login("leder");
            for (String word : List.of("Trollkrittfjell1", "Ordbokvelter", "Vedtaksfjorden")) {
                assertThat(leader.get("/api/search?q=" + word.toLowerCase()).json().get("documents")).as(word).hasSize(1);
            }
            String id = leader.get("/api/search?q=trollkrittfjell1").json().get("documents").get(0).get("id").asText();
            assertThat(leader.get("/api/documents/" + id).json().get("businessDate").asText()).isEqualTo("2019-03-14");
            assertThat(leader.get("/api/documents/" + id + "/content").bytes()).isEqualTo(ImportFiles.letter("Trollkrittfjell1"));
        }
    }

    /** Letters, a Word file, a PDF, a broken PDF (stored without text), a zip bomb, an unknown case and a missing file. */
    private Path writeArchive(List<String> caseIds) throws Exception {
        StringBuilder csv = new StringBuilder("\uFEFFfil;sak;dokumenttype;dato;tilgangsnivå\r\n");
        Files.createDirectories(archive.resolve("brev"));
        Files.createDirectories(archive.resolve("skann"));
        Files.createDirectories(archive.resolve("bomber"));
        for (int i = 1; i <= LETTERS; i++) {
            Files.write(archive.resolve("brev/brev" + i + ".txt"), ImportFiles.letter("Trollkrittfjell" + i));
            csv.append("brev/brev").append(i).append(".txt;").append(caseIds.get(i % caseIds.size())).append(";upload;")
                    .append(i == 1 ? "14.03.2019" : "2018-0" + (1 + i % 9) + "-01").append(";3\r\n");
        }
        Files.write(archive.resolve("skann/rapport.docx"), ImportFiles.docx("Ordbokvelter"));
        csv.append("skann/rapport.docx;").append(caseIds.get(0)).append(";upload;01.02.2020;2\r\n");
        Files.write(archive.resolve("skann/vedtak.pdf"), ImportFiles.pdf("Vedtaksfjorden"));
        csv.append("skann/vedtak.pdf;").append(caseIds.get(1)).append(";upload;2020-02-02;\r\n");
        Files.write(archive.resolve("skann/ødelagt.pdf"), "%PDF-1.4\nbare rot her".getBytes(StandardCharsets.UTF_8));
        csv.append("\"skann/ødelagt.pdf\";").append(caseIds.get(2)).append(";;;\r\n");
        Files.write(archive.resolve("bomber/brev.zip"), ImportFiles.zipBomb());
        csv.append("bomber/brev.zip;").append(caseIds.get(0)).append(";upload;2020-01-01;3\r\n");
        Files.write(archive.resolve("brev/ukjent.txt"), ImportFiles.letter("Ukjentsak"));
        csv.append("brev/ukjent.txt;7d1f0c3e-0000-4000-9000-999999999999;upload;2020-01-01;3\r\n");
        csv.append("brev/borte.txt;").append(caseIds.get(0)).append(";upload;2020-01-01;3\r\n");
        Path caseMap = archive.resolve("oversikt.csv");
        Files.writeString(caseMap, csv, StandardCharsets.UTF_8);
        return caseMap;
    }

    private Process start(Path caseMap, String... extra) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(arguments(caseMap)));
        arguments.addAll(List.of(extra));
        ProcessBuilder builder = JavaCommand.of(Main.class, arguments.toArray(String[]::new));
        builder.environment().putAll(environment());
        return builder.start();
    }

    /**
     * Reads the progress bar until it shows {@code files} done. Should a faster extraction let the import end before it
     * is killed, the test would no longer test an interruption: that fails here (then give the killed run more letters).
     */
    private void waitForProgress(Process process, int files) throws Exception {
        InputStream output = process.getInputStream();
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            int next = output.read();
            if (next < 0) {
                throw new AssertionError("the import ended before it could be killed (give it more files): " + seen);
            }
            seen.append((char) next);
            java.util.regex.Matcher done = java.util.regex.Pattern.compile("(\\d+) of " + (STORABLE + 3) + " files").matcher(seen);
            int latest = 0;
            while (done.find()) {
                latest = Integer.parseInt(done.group(1));
            }
            if (latest >= files) {
                return;
            }
        }
        throw new AssertionError("no progress within a minute: " + seen);
    }

    private MappeCommand.Result run(Path caseMap, String... extra) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(arguments(caseMap)));
        arguments.addAll(List.of(extra));
        return MappeCommand.run(dataDir, environment(), arguments.toArray(String[]::new));
    }

    private String[] arguments(Path caseMap) {
        return new String[] {"import", archive.toString(), "--case-map", caseMap.toString(), "--organisation",
                DemoData.NORWEGIAN_ORGANISATION};
    }

    private Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("MAPPE_DEMO", "true");
        environment.put("MAPPE_DATA_DIR", dataDir.toString());
        environment.put("MAPPE_SWEEP_AT", "off");
        return environment;
    }

    private int count(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("mappe.db"));
             Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getInt(1);
        }
    }
}
