package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import no.mappe.testing.Api;
import no.mappe.testing.LanguageScan;
import no.mappe.testing.MappeServer;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statistics a leader downloads for the annual report read in the leader's language: headers,
 * document types by their titles, programmes by their names, years without a thousands separator; no
 * codes such as {@code progress-report} and no English.
 */
class ExportLanguageTest {

    @TempDir
    static Path dataDir;
    private static MappeServer server;

    @BeforeAll
    static void start() {
        server = MappeServer.start(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void statisticsAsCsvAndXlsxInBokmalAndDanish() throws Exception {
        for (String[] people : new String[][] {{"veileder", "leder", "AFT", "Fremdriftsrapport"}, {"vejleder", "leder-dk",
                "virksomhedspraktik", "Statusrapport"}}) {
            Api counsellor = server.login(people[0]);
            String caseId = counsellor.post("/api/cases", """
                    {"participant": {"name": "Telle Tallesen", "birthDate": "1990-04-05"}, "programme": "%s", "startDate": "2026-01-05"}"""
                    .formatted(people[2])).json().get("id").asText();
            assertThat(counsellor.post("/api/cases/" + caseId + "/documents", """
                    {"template": "progress-report", "fields": {"periodFrom": "2026-01-05", "periodTo": "2026-03-31",
                     "workTasks": "Lager.", "progress": "Stabil.", "plannedDays": 60, "daysPresent": 57}}""").status()).isEqualTo(201);
            Api leader = server.login(people[1]);
            int year = java.time.LocalDate.now().getYear();
            String csv = new String(leader.get("/statistics/" + year + "/csv").bytes(), StandardCharsets.UTF_8);
            assertThat(csv).as(people[1]).contains(people[3], String.valueOf(year)).doesNotContain("progress-report");
            assertThat(LanguageScan.standard().findings(csv)).as(csv).isEmpty();

            List<String> cells = new ArrayList<>();
            try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(leader.get("/statistics/" + year + "/xlsx").bytes()))) {
                for (Sheet sheet : workbook) {
                    cells.add(sheet.getSheetName());
                    for (Row row : sheet) {
                        for (Cell cell : row) {
                            cells.add(cell.toString());
                        }
                    }
                }
            }
            assertThat(cells).as(people[1]).contains(people[3]);
            assertThat(LanguageScan.standard().findings(String.join("\n", cells))).as(cells.toString()).isEmpty();
            assertThat(LanguageScan.standard().findings(leader.get("/statistics?year=" + year).body().replaceAll("<[^>]+>", " ")))
                    .as("the page, years without a thousands separator").isEmpty();
        }
    }
}
