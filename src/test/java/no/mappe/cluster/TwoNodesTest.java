package no.mappe.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import no.mappe.app.App;
import no.mappe.archive.Archive;
import no.mappe.archive.Document;
import no.mappe.archive.VersionContent;
import no.mappe.db.Sql;
import no.mappe.demo.DemoData;
import no.mappe.security.Caller;
import no.mappe.security.Role;
import no.mappe.testing.Api;
import no.mappe.testing.Documents;
import no.mappe.testing.DrawnSignatures;
import no.mappe.testing.LoadBalancer;
import no.mappe.testing.MappeServer;
import no.mappe.testing.ServiceProcess;
import no.mappe.testing.StorageSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Mappe nodes on one PostgreSQL database and one S3 bucket, as behind a load balancer: node A in
 * this JVM, node B a {@code mappe serve} process of its own, each with its own data directory and
 * search index. What is made on one is found, signed and shredded through the other; a node killed
 * in the middle of a sweep has it finished by the other, with nothing disposed of twice; both restarted
 * one after the other behind a load balancer fail no request.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesTest {

    private static final String PLANTED = "Tverrliggerverksted";

    @TempDir
    static Path root;
    private static MappeServer nodeA;
    private static ServiceProcess nodeB;
    private static Path dataA;
    private static Path dataB;
    private static Map<String, String> shared;

    @BeforeAll
    static void startBothNodes() throws Exception {
        shared = new HashMap<>(StorageSetup.DISTRIBUTED.settings());
        shared.put("MAPPE_LEASE_SECONDS", "2");
        shared.put("MAPPE_DRAIN_SECONDS", "1"); // the balancer below checks every 100 ms
        dataA = root.resolve("node-a");
        dataB = root.resolve("node-b");
        nodeA = MappeServer.start(dataA, shared);
        // The keys every node needs alike: A made them in demo mode; a real installation gives each node the same files.
        shared.put("MAPPE_MASTER_KEY_FILE", dataA.resolve("master.key").toString());
        shared.put("MAPPE_SEAL_DIR", dataA.resolve("seals").toString());
        nodeB = ServiceProcess.start(dataB, root.resolve("node-b.log"), shared);
    }

    @AfterAll
    static void stop() throws Exception {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    @Test
    @Order(1)
    void madeOnOneNodeFoundSignedAndShreddedThroughTheOther() throws Exception {
        Api onA = nodeA.login("veileder");
        Api onB = onA.at(nodeB.baseUri()); // the same session, sent to the other node
        String caseId = Documents.firstCase(onA);
        String consentId = Documents.consent(onA, caseId, "Samarbeid med NAV.").json().get("id").asText();
        Api.Response report = onA.post("/api/cases/" + caseId + "/documents", """
                {"template": "progress-report", "fields": {"periodFrom": "2026-08-01", "periodTo": "2026-10-31",
                 "workTasks": "Lager.", "progress": "Arbeider godt i %s.", "daysPresent": 40}}""".formatted(PLANTED));
        assertThat(report.status()).as(report.toString()).isEqualTo(201);
        String reportId = report.json().get("id").asText();

        assertThat(onB.get("/api/documents/" + reportId).status()).as("the session and the document on the other node").isEqualTo(200);
        assertThat(searchIds(onB, PLANTED)).as("found through B's own index, fed from the shared outbox").containsExactly(reportId);

        assertThat(onB.post("/api/documents/" + consentId + "/signatures", DrawnSignatures.body("participant")).status()).isEqualTo(201);
        assertThat(onB.post("/api/documents/" + consentId + "/signatures", DrawnSignatures.body("counsellor")).status()).isEqualTo(201);
        JsonNode verification = onA.get("/api/documents/" + consentId + "/verification").json();
        assertThat(verification.get("valid").asBoolean()).as("sealed on B, verified on A: " + verification).isTrue();
        assertThat(verification.get("sealedVersions")).hasSize(1);

        assertThat(onA.post("/api/cases/" + caseId + "/events", "{\"type\": \"final-report-received\", \"date\": \"2026-11-02\"}")
                .status()).isEqualTo(201);
        Api leaderOnB = nodeA.login("leder").at(nodeB.baseUri());
        Api.Response sweep = leaderOnB.post("/api/retention/sweeps", "{\"dryRun\": false}");
        assertThat(sweep.status()).as(sweep.toString()).isEqualTo(200);
        assertThat(sweep.json().get("items")).anySatisfy(item -> assertThat(item.get("documentId").asText()).isEqualTo(reportId));

        assertThat(onA.get("/api/documents/" + reportId).status()).as("gone on A too").isEqualTo(404);
        assertThat(searchIds(onA, PLANTED)).as("out of A's index").isEmpty();
        assertThat(onA.get("/api/documents/" + consentId).status()).as("the consent is kept").isEqualTo(200);
        // The search cluster drops the removed entry once its retention lease has moved past it; the indexers purge until then.
        List<Path> holding = StorageSetup.DISTRIBUTED.filesContainingOncePurged(dataA, PLANTED.toLowerCase(java.util.Locale.ROOT));
        assertThat(holding).as("files of A, the bucket, PostgreSQL or the search cluster holding the shredded report's word").isEmpty();
        assertThat(StorageSetup.DISTRIBUTED.filesContaining(dataB, PLANTED)).as("files of B or the engines").isEmpty();
        assertThat(nodeA.app().audit().verify().intact()).as("one audit chain written by both nodes").isTrue();
    }

    @Test
    @Order(2)
    void theSameChangeThroughBothNodesAtOnceEndsInOneRightStateAndA409() throws Exception {
        Api onA = nodeA.login("veileder");
        Api onB = onA.at(nodeB.baseUri());
        String caseId = Documents.firstCase(onA);
        // Threads of their own: the common pool has one thread on two cores, and the barrier needs both at once.
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(2);
        for (int round = 0; round < 5; round++) {
            String consentId = Documents.consent(onA, caseId, "Samtidig signering " + round + ".").json().get("id").asText();
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
            List<CompletableFuture<Integer>> answers = new ArrayList<>();
            for (Api node : List.of(onA, onB)) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        together.await(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return node.post("/api/documents/" + consentId + "/signatures", DrawnSignatures.body("participant")).status();
                }, senders));
            }
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
            assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(201, 409);
            int signatures = count(nodeA.app(), "SELECT COUNT(*) FROM signatures WHERE document_id = '" + consentId + "'");
            assertThat(signatures).as("one participant signature stored").isEqualTo(1);
        }
        senders.shutdown();
    }

    @Test
    @Order(3)
    void aRollingRestartOfBothNodesBehindALoadBalancerFailsNoRequest() throws Exception {
        Api session = nodeB.login("veileder"); // a browser's cookies, sent to whichever node the balancer picks
        String caseId = Documents.firstCase(session);
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> made = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean going = new java.util.concurrent.atomic.AtomicBoolean(true);
        try (LoadBalancer balancer = new LoadBalancer()) {
            balancer.add(nodeA.baseUri());
            balancer.add(nodeB.baseUri());
            Thread client = new Thread(() -> {
                for (int i = 0; going.get(); i++) {
                    String node = null;
                    try {
                        node = balancer.pick();
                        Api.Response answer = i % 3 == 0 ? Documents.consent(session.at(node), caseId, "Omstart " + i)
                                : session.at(node).get("/api/cases/" + caseId);
                        if (answer.status() >= 300) {
                            failures.add(node + ": " + answer.status() + " " + answer.body());
                        } else if (i % 3 == 0) {
                            made.add(answer.json().get("id").asText());
                        }
                    } catch (RuntimeException | InterruptedException e) {
                        failures.add(node + ": " + e);
                    }
                    answered.incrementAndGet();
                }
            }, "rolling-restart-client");
            client.start();
            Thread.sleep(500);

            String oldB = nodeB.baseUri();
            nodeB.terminate(); // SIGTERM: it says "stopping" for a second, answering meanwhile, then stops
            assertThat(nodeB.awaitExit(60)).as("ended by the signal, after its shutdown").isEqualTo(128 + 15);
            assertThat(nodeB.output()).contains("/ready says so for 1 s").contains("Mappe stopped");
            balancer.remove(oldB);
            nodeB = ServiceProcess.start(dataB, root.resolve("node-b-restarted.log"), shared);
            balancer.add(nodeB.baseUri());
            awaitSentTo(balancer, nodeB.baseUri());

            String oldA = nodeA.baseUri();
            nodeA.close(); // the same drain in this JVM
            balancer.remove(oldA);
            nodeA = MappeServer.start(dataA, shared);
            balancer.add(nodeA.baseUri());
            awaitSentTo(balancer, nodeA.baseUri());
            Thread.sleep(500);
            going.set(false);
            client.join(30_000);
        }
        assertThat(failures).as("requests that failed during the rolling restart").isEmpty();
        assertThat(answered.get()).as("requests answered").isGreaterThan(20);
        assertThat(made).allSatisfy(id -> assertThat(session.at(nodeA.baseUri()).get("/api/documents/" + id).status())
                .as("made during the restart: " + id).isEqualTo(200));
    }

    private static void awaitSentTo(LoadBalancer balancer, String node) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!balancer.sendsTo(node) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(balancer.sendsTo(node)).as(node + " ready again").isTrue();
    }

    @Test
    @Order(4) // B does not come back
    void aNodeKilledInTheMiddleOfASweepHasItFinishedByTheOtherWithNothingDisposedOfTwice() throws Exception {
        App app = nodeA.app();
        // Another case than the first test's: a folder of its own, due as soon as its final report is in.
        String caseWithMany = nodeA.login("veileder").get("/api/cases").json().get("cases").get(1).get("id").asText();
        Caller counsellor = new Caller("7d1f0c3e-0000-4000-9000-000000000002", DemoData.NORWEGIAN_ORGANISATION, Role.COUNSELLOR,
                "Øystein Brænne");
        int count = 1_500;
        List<Archive.Import> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            batch.add(new Archive.Import(new Document(id, DemoData.NORWEGIAN_ORGANISATION, caseWithMany, "progress-report",
                    "progress-report", 1, "nb", 2, "draft", LocalDate.of(2026, 3, 1), counsellor.userId(), "2026-03-01T10:00:00Z",
                    List.of()), VersionContent.of(("Rapport " + id).getBytes(StandardCharsets.UTF_8), "text/plain"), "two nodes"));
        }
        app.archive().importAll(batch);
        app.cases().recordEvent(counsellor, caseWithMany, "final-report-received", LocalDate.now().minusDays(1));

        Api leaderOnB = nodeA.login("leder").at(nodeB.baseUri());
        CompletableFuture<Api.Response> sweepOnB = CompletableFuture.supplyAsync(() -> leaderOnB.post("/api/retention/sweeps",
                "{\"dryRun\": false}"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int doneAtKill = 0;
        while (System.nanoTime() < deadline && doneAtKill < 100) {
            doneAtKill = doneCount(app);
            Thread.sleep(5);
        }
        nodeB.kill();
        assertThat(doneAtKill).as("disposed of by B before it was killed").isBetween(100, count - 1);
        assertThat(sweepOnB.handle((answer, failure) -> failure != null || answer.status() >= 500).get(30, TimeUnit.SECONDS))
                .as("B's answer never came").isTrue();

        // A notices that B's claim ran out (2 s) and finishes the sweep on its own.
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && count(app, "SELECT COUNT(*) FROM sweeps WHERE status IN ('running', 'interrupted')") > 0) {
            Thread.sleep(100);
        }
        assertThat(count(app, "SELECT COUNT(*) FROM sweeps WHERE status IN ('running', 'interrupted')")).as("taken over and finished")
                .isZero();
        assertThat(count(app, "SELECT COUNT(*) FROM documents WHERE case_id = '" + caseWithMany + "' AND document_type ="
                + " 'progress-report'")).as("every due report disposed of").isZero();
        assertThat(count(app, "SELECT COUNT(*) FROM disposals")).as("nothing disposed of twice")
                .isEqualTo(count(app, "SELECT COUNT(DISTINCT document_id) FROM disposals")).isGreaterThanOrEqualTo(count);
        assertThat(count(app, "SELECT COUNT(*) FROM sweeps WHERE dry_run = 0 AND certificate_document_id IS NULL AND done_count > 0"))
                .as("the finished sweep has its certificate").isZero();
        assertThat(app.audit().verify().intact()).isTrue();
    }

    private static int doneCount(App app) {
        return count(app, "SELECT COALESCE(MAX(done_count), 0) FROM sweeps WHERE dry_run = 0 AND status = 'running'");
    }

    private static int count(App app, String sql) {
        return app.database().read(connection -> Sql.one(connection, sql, row -> row.getInt(1)).orElseThrow());
    }

    private static List<String> searchIds(Api api, String query) {
        return api.get("/api/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)).json().get("documents").findValuesAsText("id");
    }
}
