package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import no.mappe.testing.Api;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leader's occasional pages sit behind one link ("Organisasjonen"), so the header keeps to one
 * line: the hub lists them, the menu no longer does, and only the leader opens the hub.
 */
class OrganisationHubTest {

    @TempDir
    Path dataDir;

    @Test
    void theLeaderFindsTheOccasionalPagesOnTheHubAndOthersAreRefused() {
        try (MappeServer server = MappeServer.start(dataDir)) {
            Api leader = server.login("leder");
            Api.Response hub = leader.get("/organisation");
            assertThat(hub.status()).isEqualTo(200);
            String main = hub.body().substring(hub.body().indexOf("<main"));
            assertThat(main).contains("href=\"/retention\"", "href=\"/people\"", "href=\"/staff\"", "href=\"/organisation/profile\"",
                    "href=\"/organisation/sign-in\"", "href=\"/statistics\"");
            String menu = hub.body().substring(hub.body().indexOf("<nav"), hub.body().indexOf("</nav>"));
            assertThat(menu).contains("href=\"/organisation\" aria-current=\"page\"").doesNotContain("href=\"/people\"",
                    "href=\"/retention\"", "href=\"/staff\"");
            assertThat(leader.get("/people").body()).as("a page of the hub marks the hub in the menu")
                    .contains("href=\"/organisation\" aria-current=\"page\"");
            assertThat(server.login("leder-dk").get("/organisation").body()).contains("<h1>Organisationen</h1>");

            for (String other : new String[] {"veileder", "ledergruppe", "kontor", "arbeidsleder"}) {
                Api.Response refused = server.login(other).get("/organisation");
                assertThat(refused.status()).as(other).isEqualTo(403);
                assertThat(refused.body()).as(other).doesNotContain("href=\"/people\"");
            }
        }
    }
}
