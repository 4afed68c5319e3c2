package no.mappe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.mappe.testing.Api;
import no.mappe.testing.MappeCommand;
import no.mappe.testing.MappeCommand.Result;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real installation's first run, as an operator does it: {@code mappe init} in a separate
 * process against an empty data directory outside demo mode, with a master key file of its own;
 * then the service starts, the leader opens the printed link, sets a password and signs in.
 */
class FirstRunTest {

    private static final Pattern LINK = Pattern.compile("https://mappe\\.example\\.no(/setup/[A-Za-z0-9_-]{43})");
    private static final String PASSWORD = "tre fjorder og en lang vinter";

    @TempDir
    Path dataDir;
    @TempDir
    Path keys;

    @Test
    void initMakesTheOrganisationAndALinkTheLeaderSetsTheirPasswordWithAndSignsIn() throws Exception {
        Path keyFile = masterKey();
        Result refused = run(keyFile, "init", "--name", "Fjordtun Arbeid AS", "--country", "SE", "--programmes", "AFT", "--policy",
                "lysheim", "--leader-name", "Ingrid Fjell", "--leader-username", "ingrid@fjordtun.example");
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(2);
        assertThat(refused.output()).contains("country must be NO or DK");

        Result init = run(keyFile, "init", "--name", "Fjordtun Arbeid AS", "--country", "NO", "--programmes", "AFT,VTA", "--policy",
                "lysheim", "--leader-name", "Ingrid Fjell", "--leader-username", "ingrid@fjordtun.example");
        assertThat(init.exitCode()).as(init.output()).isZero();
        Matcher link = LINK.matcher(init.output());
        assertThat(link.find()).as(init.output()).isTrue();
        String path = link.group(1);
        assertThat(init.output()).contains("Fjordtun Arbeid AS", "AFT, VTA", "Ingrid Fjell");

        Result again = run(keyFile, "init", "--name", "Fjordtun Arbeid", "--country", "NO", "--programmes", "AFT", "--policy",
                "lysheim", "--leader-name", "Someone Else", "--leader-username", "else@fjordtun.example");
        assertThat(again.exitCode()).as(again.output()).isEqualTo(1);
        assertThat(again.output()).contains("already set up", "Fjordtun Arbeid AS", "Nothing was changed");

        Result second = run(keyFile, "organisation", "add", "--name", "  fjordtun   ARBEID as ", "--country", "NO", "--programmes",
                "APS", "--policy", "lysheim", "--leader-name", "Other", "--leader-username", "other@fjordtun.example");
        assertThat(second.exitCode()).as("the same name, spelt differently").isEqualTo(2);
        assertThat(second.output()).contains("already exists");
        Result list = run(keyFile, "organisation", "list");
        assertThat(list.exitCode()).as(list.output()).isZero();
        assertThat(list.output().lines().filter(line -> line.contains("Fjordtun")).toList()).hasSize(1);
        assertThat(list.output()).contains("AFT,VTA", "policy lysheim", "1 active");

        try (MappeServer server = MappeServer.start(dataDir, Map.of("MAPPE_DEMO", "false", "MAPPE_MASTER_KEY_FILE", keyFile.toString(),
                "MAPPE_SECURE_COOKIES", "false"))) {
            Api browser = server.anonymous();
            assertThat(browser.get(path).body()).contains("ingrid@fjordtun.example");
            Api.Response set = browser.postRaw(path, "password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&repeat="
                    + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8), "application/x-www-form-urlencoded", false);
            assertThat(set.status()).as(set.body()).isEqualTo(200);
            Api leader = server.loginWith("ingrid@fjordtun.example", PASSWORD);
            assertThat(leader.get("/api/people").status()).as("outside demo mode a leader needs a second factor").isEqualTo(403);
            no.mappe.testing.AuthenticatorApp.enrol(leader, java.time.Clock.systemUTC());
            JsonNode me = leader.get("/api/me").json();
            assertThat(me.get("role").asText()).isEqualTo("leader");
            List<String> people = new ArrayList<>();
            leader.get("/api/people").json().get("people").forEach(person -> people.add(person.get("name").asText()));
            assertThat(people).containsExactly("Ingrid Fjell");
            assertThat(server.anonymous().get(path).status()).as("used up").isEqualTo(410);

            Api.Response aps = leader.post("/api/cases", """
                    {"participant": {"name": "Ola Nordmann", "birthDate": "1990-01-01"}, "programme": "APS",
                     "startDate": "2026-11-01"}""");
            assertThat(aps.status()).as("a programme the organisation does not run").isEqualTo(422);
            assertThat(aps.body()).contains("[AFT, VTA]");
            for (int i = 0; i < 5; i++) {
                server.anonymous().post("/api/login", "{\"username\": \"ingrid@fjordtun.example\", \"password\": \"wrong\"}");
            }
        }

        Result unlock = run(keyFile, "user", "unlock", "INGRID@fjordtun.example");
        assertThat(unlock.exitCode()).as(unlock.output()).isZero();
        assertThat(unlock.output()).contains("Unlocked Ingrid Fjell");
        Result reset = run(keyFile, "user", "reset", "ingrid@fjordtun.example");
        assertThat(reset.exitCode()).as(reset.output()).isZero();
        Matcher resetLink = LINK.matcher(reset.output());
        assertThat(resetLink.find()).as(reset.output()).isTrue();
        assertThat(run(keyFile, "user", "reset", "nobody@fjordtun.example").exitCode()).isEqualTo(2);
        try (MappeServer server = MappeServer.start(dataDir, Map.of("MAPPE_DEMO", "false", "MAPPE_MASTER_KEY_FILE", keyFile.toString(),
                "MAPPE_SECURE_COOKIES", "false"))) {
            String login = "{\"username\": \"ingrid@fjordtun.example\", \"password\": \"" + PASSWORD + "\"}";
            assertThat(server.anonymous().post("/api/login", login).status()).as("the old password ended").isEqualTo(401);
            String newPassword = "en ny og lang vinter i fjordene";
            server.anonymous().postRaw(resetLink.group(1), "password=" + URLEncoder.encode(newPassword, StandardCharsets.UTF_8)
                    + "&repeat=" + URLEncoder.encode(newPassword, StandardCharsets.UTF_8), "application/x-www-form-urlencoded", false);
            assertThat(server.loginWith("ingrid@fjordtun.example", newPassword).get("/api/me").status()).isEqualTo(200);
        }
    }

    @Test
    void initRefusesToRunWithoutAMasterKeyOutsideDemoMode() throws Exception {
        Result result = runWith(Map.of(), "init", "--name", "X", "--country", "NO", "--programmes", "AFT", "--policy", "lysheim",
                "--leader-name", "Y", "--leader-username", "y");
        assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
        assertThat(result.output()).contains("MAPPE_MASTER_KEY_FILE");
    }

    private Path masterKey() throws IOException {
        return MappeCommand.newMasterKey(keys);
    }

    private Result run(Path keyFile, String... arguments) throws IOException, InterruptedException {
        return runWith(Map.of("MAPPE_MASTER_KEY_FILE", keyFile.toString(), "MAPPE_PUBLIC_URL", "https://mappe.example.no/"), arguments);
    }

    private Result runWith(Map<String, String> extra, String... arguments) throws IOException, InterruptedException {
        return MappeCommand.run(dataDir, extra, arguments);
    }
}
