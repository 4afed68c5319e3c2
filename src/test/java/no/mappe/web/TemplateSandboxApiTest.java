package no.mappe.web;

import static no.mappe.testing.TemplateUploads.progressManifest;
import static no.mappe.testing.TemplateUploads.progressBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import no.mappe.testing.Api;
import no.mappe.testing.Api.Response;
import no.mappe.testing.MappeServer;
import no.mappe.testing.PdfChecks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Template uploads over HTTP against the sandbox: the attacks that got past the source checks are
 * refused (422, naming the construct), nothing is fetched from a listener on this machine, a
 * rejected candidate leaves no trace, documents are checked again when they are made, and one
 * organisation's upload never waits for another's.
 */
class TemplateSandboxApiTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path dataDir;
    private static MappeServer server;
    private static Api leader;
    private static Api counsellor;
    private static String caseId;
    private static HttpServer listener;
    private static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        listener = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        listener.createContext("/", exchange -> {
            REQUESTS.add(exchange.getRequestURI().toString());
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        listener.start();
        base = "127.0.0.1:" + listener.getAddress().getPort();
        server = MappeServer.start(dataDir);
        leader = server.login("leder");
        counsellor = server.login("veileder");
        caseId = counsellor.post("/api/cases", """
                {"participant": {"name": "Sara Sandkasse", "birthDate": "1992-02-02"}, "programme": "AFT", "startDate": "2026-01-05"}""")
                .json().get("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
        listener.stop(0);
    }

    @Test
    void theAttacksThatPassedTheSourceChecksAreRefusedByName() throws Exception {
        int version = version("progress-report");
        Map<String, String> attacks = new LinkedHashMap<>();
        attacks.put("<im{{\"\"}}g sr{{\"\"}}c=\"ht{{\"\"}}tp://" + base + "/img.png\" alt=\"x\" />", "src on <img>");
        attacks.put("<a hr{{\"\"}}ef=\"ht{{\"\"}}tp://" + base + "/a\">x</a>", "href on <a>");
        attacks.put("<p st{{\"\"}}yle=\"background: u{{\"\"}}rl(ht{{\"\"}}tp://" + base + "/bg.png)\">x</p>", "url(");
        attacks.put("<sty{{\"\"}}le>@imp{{\"\"}}ort 'ht{{\"\"}}tp://" + base + "/a.css';</sty{{\"\"}}le>", "@import");
        attacks.put("<scr{{\"\"}}ipt>alert(1)</scr{{\"\"}}ipt>", "<script>");
        attacks.put("<p on{{\"\"}}click=\"x()\">x</p>", "onclick");
        attacks.put("<obj{{\"\"}}ect da{{\"\"}}ta=\"ht{{\"\"}}tp://" + base + "/o.svg\">x</obj{{\"\"}}ect>", "<object>");
        attacks.put("{% autoescape false %}<p>{{ fields.progress }}</p>{% endautoescape %}", "the tag 'autoescape'");
        attacks.put("<p>{{ fields.progress | raw }}</p>", "the filter 'raw'");
        attacks.put("<ul>{% for s in signers %}<li>{{ loop.class }}</li>{% endfor %}</ul>", "loop.class");
        attacks.put("<p>{{ i18n('messages', 'key') }}</p>", "the function 'i18n'");
        attacks.put("{% for i in range(0, 300000000) %}{% endfor %}", "range(0, 300000000)");
        attacks.put("{% for i in range(0, 9999) %}{% for j in range(0, 9999) %}{% endfor %}{% endfor %}", "loop budget");
        attacks.put("{% macro m(n) %}{{ m(n) }}{% endmacro %}<p>{{ m(1) }}</p>", "the tag 'macro'");
        attacks.put("{% parallel %}<p>x</p>{% endparallel %}", "the tag 'parallel'");
        attacks.put("{% cache 'k' %}<p>x</p>{% endcache %}", "the tag 'cache'");
        attacks.put("{% import 'layout' %}", "the tag 'import'");
        attacks.put("{% from 'layout' import x %}", "the tag 'from'");
        attacks.put("{% embed 'signatures' %}{% endembed %}", "the tag 'embed'");
        attacks.put("<p>{{ block('content') }}</p>", "block()");
        attacks.put("{% set partial = 'signatures' %}{% include partial %}", "a name computed when the template runs");
        attacks.put("{% include 'consent@1/nb' %}", "only the shared partials");
        for (Map.Entry<String, String> attack : attacks.entrySet()) {
            Response refused = upload(leader, progressManifest(version + 1), progressBody(attack.getKey()));
            assertThat(refused.status()).as(attack.getKey() + " -> " + refused).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("detail").asText()).as(attack.getKey()).contains(attack.getValue());
        }
        assertThat(version("progress-report")).isEqualTo(version);
        assertThat(REQUESTS).as("requests to the local listener").isEmpty();
    }

    @Test
    void aRejectedCandidateLeavesNoTraceAndDoesNotBlockItsVersionNumber() throws Exception {
        int next = version("complaint") + 1;
        // Compiles, then fails while filling: today's engine cached it under the version's name.
        Response broken = upload(leader, complaintManifest(next), complaintBody("<p>{{ nothing.here }}</p>"));
        assertThat(broken.status()).as(broken.toString()).isEqualTo(422);
        // Fills, then fails the allow-list.
        Response unsafe = upload(leader, complaintManifest(next), complaintBody("<im{{\"\"}}g sr{{\"\"}}c=\"x.png\" alt=\"x\" />"));
        assertThat(unsafe.status()).as(unsafe.toString()).isEqualTo(422);
        assertThat(leader.get("/api/templates/complaint/versions").json().get("versions")).hasSize(1);

        Response accepted = upload(leader, complaintManifest(next), complaintBody("<p>Den gyldige versjonen.</p>"));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        String id = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "complaint", "fields": {"details": "Klagen gjelder ventetid."}}""").json().get("id").asText();
        assertThat(PdfChecks.text(counsellor.get("/api/documents/" + id + "/pdf").bytes()))
                .contains("Den gyldige versjonen.", "Klagen gjelder ventetid.");
    }

    @Test
    void documentsAreCheckedAgainWhenTheyAreMade() throws Exception {
        int next = version("equipment-receipt") + 1;
        // Passes with the sample data at upload; one value makes it print an outside image, another loop without end.
        String body = "{% extends \"layout\" %}{% block content %}<h1>{{ title }}</h1>{% if fields.note == 'hent' %}"
                + "<im{{\"\"}}g sr{{\"\"}}c=\"ht{{\"\"}}tp://" + base + "/late.png\" alt=\"x\" />{% endif %}"
                + "{% if fields.note == 'mange' %}{% for i in range(0, 9999) %}{% for j in range(0, 9999) %}{% endfor %}{% endfor %}"
                + "{% endif %}<p>{{ fields.note }}</p>{% endblock %}";
        String manifest = """
                id: equipment-receipt
                version: %d
                documentType: equipment-receipt
                title: {nb: Kvittering, da: Kvittering}
                languages: [nb, da]
                accessLevel: 2
                fields:
                  - {name: note, type: text, required: true, label: {nb: Merknad, da: Bemærkning}}
                """.formatted(next);
        assertThat(upload(leader, manifest, body).status()).isEqualTo(201);
        Response refused = counsellor.post("/api/cases/" + caseId + "/documents",
                "{\"template\": \"equipment-receipt\", \"fields\": {\"note\": \"hent\"}}");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asText()).contains("allow-list", "src on <img>");
        Response overspent = counsellor.post("/api/cases/" + caseId + "/documents",
                "{\"template\": \"equipment-receipt\", \"fields\": {\"note\": \"mange\"}}");
        assertThat(overspent.status()).as(overspent.toString()).isEqualTo(422);
        assertThat(overspent.json().get("detail").asText()).contains("loop budget");
        assertThat(counsellor.post("/api/cases/" + caseId + "/documents",
                "{\"template\": \"equipment-receipt\", \"fields\": {\"note\": \"ok\"}}").status()).isEqualTo(201);
        assertThat(REQUESTS).isEmpty();
    }

    @Test
    void oneOrganisationsUploadNeverWaitsForAnothers() throws Exception {
        // A long but honest template: about 150 pages to render in each language, twice, while it is checked.
        String slow = progressBody("{% for i in range(0, 2500) %}<p>{{ i }}: {{ fields.progress }}</p>{% endfor %}");
        Api danishLeader = server.login("leder-dk");
        int norwegianNext = version("plan", leader) + 1;
        int danishNext = version("progress-report", danishLeader) + 1;
        CompletableFuture<Long> slowUpload = CompletableFuture.supplyAsync(() -> {
            Response response = uploadUnchecked(leader, planManifest(norwegianNext),
                    slow.replace("fields.progress", "fields.goalText"));
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
            return System.nanoTime();
        });
        Thread.sleep(500);
        Response quick = upload(danishLeader, progressManifest(danishNext), progressBody("<p>Kort.</p>"));
        long quickDone = System.nanoTime();
        assertThat(quick.status()).as(quick.toString()).isEqualTo(201);
        assertThat(quickDone).as("the Danish upload finished before the Norwegian one").isLessThan(slowUpload.get());
    }

    private static int version(String templateId) {
        return version(templateId, leader);
    }

    private static int version(String templateId, Api api) {
        return api.get("/api/templates/" + templateId).json().get("version").asInt();
    }

    private static Response upload(Api api, String manifest, String xhtml) throws Exception {
        String id = manifest.lines().filter(line -> line.startsWith("id:")).findFirst().orElseThrow().substring(3).strip();
        return api.post("/api/templates/" + id + "/versions", MAPPER.writeValueAsString(Map.of("manifest", manifest,
                "xhtml", Map.of("nb", xhtml, "da", xhtml))));
    }

    private static Response uploadUnchecked(Api api, String manifest, String xhtml) {
        try {
            return upload(api, manifest, xhtml);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String planManifest(int version) {
        return """
                id: plan
                version: %d
                documentType: plan
                title: {nb: Plan, da: Plan}
                languages: [nb, da]
                accessLevel: 3
                fields:
                  - {name: goalText, type: longtext, required: true, label: {nb: Mål, da: Mål}}
                """.formatted(version);
    }

    private static String complaintBody(String content) {
        return "{% extends \"layout\" %}{% block content %}<h1>{{ title }}</h1>" + content
                + "<p class=\"text\">{{ fields.details }}</p>{% endblock %}";
    }

    private static String complaintManifest(int version) {
        return """
                id: complaint
                version: %d
                documentType: complaint
                title: {nb: Klage, da: Klage}
                languages: [nb, da]
                accessLevel: 3
                fields:
                  - {name: details, type: longtext, required: true, label: {nb: Klagen, da: Klagen}}
                """.formatted(version);
    }
}
