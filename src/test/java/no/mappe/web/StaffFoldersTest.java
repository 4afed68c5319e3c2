package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.mappe.templates.SampleData;
import no.mappe.testing.Api;
import no.mappe.testing.AtOnce;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Staff folders (personalmappe) in the leader's own cabinet: only the leader opens them (not the
 * management group, though it reads level 4), another organisation can neither read nor change them,
 * leaving is recorded once, and the policy disposes of the folder of someone who left except the kept
 * confidentiality declaration.
 */
class StaffFoldersTest {

    private static final String NAME = "Synnøve Kabinettsen";
    private static final String SEARCH = "/api/search?q=" + java.net.URLEncoder.encode(NAME, java.nio.charset.StandardCharsets.UTF_8);

    @TempDir
    static Path dataDir;
    private static MappeServer server;

    @BeforeAll
    static void start() {
        server = MappeServer.start(dataDir, Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String openFolder(Api leader, String name) {
        Api.Response opened = leader.post("/api/staff-folders", """
                {"name": "%s", "birthDate": "1980-02-02", "startDate": "2020-08-01"}""".formatted(name));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return opened.json().get("id").asText();
    }

    private static String document(Api leader, String folderId, String template) throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>(SampleData.requiredOnly(server.app().catalogue().shipped(template).orElseThrow()
                .manifest()));
        if (template.equals("confidentiality")) {
            fields.put("role", "ansatt");
        }
        Api.Response made = leader.post("/api/cases/" + folderId + "/documents",
                new ObjectMapper().writeValueAsString(Map.of("template", template, "fields", fields)));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        return made.json().get("id").asText();
    }

    @Test
    void onlyTheLeaderOpensTheCabinetNotEvenTheManagementGroup() throws Exception {
        Api leader = server.login("leder");
        String folder = openFolder(leader, NAME);
        String declaration = document(leader, folder, "confidentiality");
        String welcome = document(leader, folder, "welcome-folder");
        assertThat(leader.get("/api/documents/" + welcome).json().get("accessLevel").asInt()).as("the cabinet is level 4").isEqualTo(4);
        assertThat(leader.get("/api/documents/" + welcome).json().get("documentType").asText()).isEqualTo("staff-welcome-folder");
        assertThat(leader.get("/api/staff-folders/" + folder).json().get("documents")).hasSize(2);
        assertThat(leader.get("/api/staff-folders").json().get("staffFolders").toString()).contains(NAME);
        assertThat(leader.get("/api/cases").json().toString()).as("not a participant's case").doesNotContain(folder);
        assertThat(leader.post("/api/cases/" + folder + "/documents", """
                {"template": "plan", "fields": {}}""").status()).as("only staff documents").isEqualTo(422);

        for (String username : List.of("ledergruppe", "fagleder", "veileder", "kontor", "arbeidsleder")) {
            Api api = server.login(username);
            assertThat(api.get("/api/staff-folders").status()).as(username).isEqualTo(403);
            assertThat(api.get("/api/staff-folders/" + folder).status()).as(username).isEqualTo(403);
            assertThat(api.get("/api/cases/" + folder).status()).as(username).isEqualTo(404);
            assertThat(api.get("/api/cases/" + folder + "/documents").status()).as(username).isEqualTo(404);
            for (String id : List.of(declaration, welcome)) {
                assertThat(api.get("/api/documents/" + id).status()).as(username).isEqualTo(404);
                assertThat(api.get("/api/documents/" + id + "/pdf").status()).as(username).isEqualTo(404);
            }
            var search = api.get(SEARCH).json();
            assertThat(search.get("total").asLong()).as(username + " search counts nothing of the cabinet").isZero();
        }
        assertThat(leader.get(SEARCH).json().get("total").asLong())
                .isEqualTo(2);
    }

    @Test
    void anotherOrganisationCanNeitherReadNorChangeAFolder() throws Exception {
        Api leader = server.login("leder");
        String folder = openFolder(leader, "Vernet Personalsen");
        String declaration = document(leader, folder, "confidentiality");
        String before = leader.get("/api/staff-folders/" + folder).json().toString();
        String unknown = UUID.randomUUID().toString();
        Api danish = server.login("leder-dk");
        for (String id : List.of(folder, unknown)) {
            assertThat(danish.get("/api/staff-folders/" + id).status()).isEqualTo(404);
            assertThat(danish.post("/api/staff-folders/" + id + "/left", "{\"date\": \"2026-01-01\"}").status()).isEqualTo(404);
            assertThat(danish.post("/api/cases/" + id + "/documents", """
                    {"template": "confidentiality", "fields": {"role": "ansatt", "startDate": "2026-01-01"}}""").status()).isEqualTo(404);
            assertThat(danish.postRaw("/staff/" + id + "/left", "date=2026-01-01", "application/x-www-form-urlencoded", true).status())
                    .isEqualTo(404);
            assertThat(danish.get("/staff/" + id).status()).isEqualTo(404);
        }
        assertThat(danish.get("/api/documents/" + declaration).status()).isEqualTo(404);
        assertThat(danish.get("/api/staff-folders").json().toString()).doesNotContain("Vernet Personalsen");
        assertThat(leader.get("/api/staff-folders/" + folder).json().toString()).as("nothing changed").isEqualTo(before);
    }

    @Test
    void leavingIsRecordedOnceWhenTwoRecordItAtTheSameMoment() {
        Api leader = server.login("leder");
        String folder = openFolder(leader, "Samtidig Sluttersen");
        String body = "{\"date\": \"%s\"}".formatted(LocalDate.now().minusDays(1));
        List<Api.Response> answers = AtOnce.send(() -> leader.post("/api/staff-folders/" + folder + "/left", body),
                () -> server.login("leder").post("/api/staff-folders/" + folder + "/left", body));
        assertThat(AtOnce.statuses(answers)).as(answers.toString()).containsExactlyInAnyOrder(201, 409);
        assertThat(leader.get("/api/staff-folders/" + folder).json().get("folder").get("leftOn").asText())
                .isEqualTo(LocalDate.now().minusDays(1).toString());
        assertThat(leader.post("/api/staff-folders/" + folder + "/left", "{\"date\": \"2099-01-01\"}").status()).isIn(409, 422);
    }

    @Test
    void theFolderOfSomeoneWhoLeftIsDisposedOfButTheConfidentialityDeclarationIsKept() throws Exception {
        Api leader = server.login("leder");
        String folder = openFolder(leader, "Avsluttet Bevaresen");
        String declaration = document(leader, folder, "confidentiality");
        String welcome = document(leader, folder, "welcome-folder");
        String agreement = document(leader, folder, "employment-agreement");
        assertThat(leader.post("/api/staff-folders/" + folder + "/left", "{\"date\": \"%s\"}".formatted(LocalDate.now().minusDays(2)))
                .status()).isEqualTo(201);
        Api.Response sweep = leader.post("/api/retention/sweeps", "{\"dryRun\": false}");
        assertThat(sweep.status()).as(sweep.toString()).isEqualTo(200);
        assertThat(leader.get("/api/documents/" + welcome).status()).as("the welcome folder went when they left").isEqualTo(404);
        assertThat(leader.get("/api/documents/" + declaration).status()).as("the declaration is kept").isEqualTo(200);
        assertThat(leader.get("/api/documents/" + declaration + "/pdf").status()).isEqualTo(200);
        assertThat(leader.get("/api/documents/" + agreement).status()).as("reviewed ten years after, per policy").isEqualTo(200);
        assertThat(leader.get("/api/staff-folders/" + folder).json().get("folder").get("name").asText())
                .as("the person is still named beside the kept declaration").isEqualTo("Avsluttet Bevaresen");
    }

    @Test
    void theLeaderOpensAFolderFromThePagesWithASuccessMessage() {
        Api leader = server.login("leder");
        Api.Response refused = leader.postRaw("/staff", "name=&birthDate=1980-01-01&startDate=2020-01-01",
                "application/x-www-form-urlencoded", true);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("Skriv den ansattes fulle navn");
        Api.Response opened = leader.postRaw("/staff", "name=Side+Skjemasen&birthDate=1980-01-01&startDate=2020-01-01",
                "application/x-www-form-urlencoded", true);
        assertThat(opened.status()).isEqualTo(303);
        String page = leader.get(opened.header("Location")).body();
        assertThat(page).contains("Personalmappen er opprettet", "Personalmappe for Side Skjemasen", "Taushetserklæring");
        assertThat(server.login("ledergruppe").get("/staff").status()).isEqualTo(403);
    }
}
