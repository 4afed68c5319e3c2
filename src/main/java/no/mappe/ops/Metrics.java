package no.mappe.ops;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import no.mappe.retention.SweepTotals;

/**
 * The service's Prometheus metrics, in a registry of its own (one per running service, so two in
 * one JVM never mix their counts). The names are part of the operator's interface and listed in
 * README.md, "Metrics": change them only with a note there. Label values are HTTP methods, route
 * templates ({@code /api/documents/{documentId}}), status codes and disposal actions: never ids,
 * paths, query strings or anything a person typed.
 */
public final class Metrics {

    /** The route label of a request that matched no route: one value for all of them, so scanners cannot add series. */
    public static final String UNMATCHED = "unmatched";

    private static final double[] WORK_SECONDS = {0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter requests;
    private final Histogram requestDuration;
    private final Counter loginFailures;
    private final Counter loginLockouts;
    private final Histogram generation;
    private final Histogram sealing;
    private final CompletableFuture<Void> jvmMetrics;

    public Metrics() {
        requests = Counter.builder().name("mappe_http_requests_total")
                .help("HTTP requests answered, by method, route template and status").labelNames("method", "route", "status")
                .register(registry);
        requestDuration = Histogram.builder().name("mappe_http_request_duration_seconds").unit(Unit.SECONDS).classicOnly()
                .help("Time from the request's arrival to its answer, by method and route template").labelNames("method", "route")
                .register(registry);
        loginFailures = Counter.builder().name("mappe_login_failures_total")
                .help("Sign-in attempts refused for a wrong username, password or code (401 on a sign-in route)").register(registry);
        loginLockouts = Counter.builder().name("mappe_login_lockouts_total")
                .help("Sign-in attempts refused because the username had too many failures (429 on a sign-in route)")
                .register(registry);
        generation = Histogram.builder().name("mappe_document_generation_duration_seconds").unit(Unit.SECONDS).classicOnly()
                .classicUpperBounds(WORK_SECONDS)
                .help("Generating a document: validate, fill, render PDF/A, encrypt and store (successful ones)").register(registry);
        sealing = Histogram.builder().name("mappe_document_sealing_duration_seconds").unit(Unit.SECONDS).classicOnly()
                .classicUpperBounds(WORK_SECONDS)
                .help("Rendering a signed version with its evidence page and sealing it (PAdES)").register(registry);
        // The JVM's metrics read its management beans, which take about 0.2 s to set up: on another core while the
        // service starts, and the first scrape waits for them, so no scrape lacks them.
        jvmMetrics = CompletableFuture.runAsync(() -> JvmMetrics.builder().register(registry));
    }

    /** What the gauges and the sweep counters read when they are scraped. */
    public record Sources(LongSupplier indexLag, IntSupplier childProcessesInUse, int childProcessSlots, LongSupplier freeDiskBytes,
                          Supplier<SweepTotals> sweeps) {
    }

    /** Registers the metrics that are read at scrape time, from the running service's parts. */
    public void watch(Sources sources) {
        GaugeWithCallback.builder().name("mappe_index_lag")
                .help("Changes in the index outbox that the search index has not applied yet")
                .callback(callback -> callback.call(sources.indexLag().getAsLong())).register(registry);
        GaugeWithCallback.builder().name("mappe_child_processes_in_use")
                .help("Child processes (Tika, Tesseract, the scan rasteriser) running now")
                .callback(callback -> callback.call(sources.childProcessesInUse().getAsInt())).register(registry);
        GaugeWithCallback.builder().name("mappe_child_processes_slots")
                .help("How many child processes may run at once; more requests wait, then get 503")
                .callback(callback -> callback.call(sources.childProcessSlots())).register(registry);
        GaugeWithCallback.builder().name("mappe_data_disk_free_bytes").unit(Unit.BYTES)
                .help("Free space for Mappe on the data directory's file system")
                .callback(callback -> callback.call(sources.freeDiskBytes().getAsLong())).register(registry);
        CounterWithCallback.builder().name("mappe_retention_documents_evaluated_total")
                .help("Documents evaluated by retention sweeps, dry runs included, since the installation")
                .callback(callback -> callback.call(sources.sweeps().get().evaluated())).register(registry);
        CounterWithCallback.builder().name("mappe_retention_documents_disposed_total")
                .help("Documents disposed of by retention sweeps since the installation, by action").labelNames("action")
                .callback(callback -> sources.sweeps().get().disposedByAction().forEach((action, count) ->
                        callback.call(count, action))).register(registry);
        GaugeWithCallback.builder().name("mappe_retention_sweeps_running")
                .help("Retention sweeps running now")
                .callback(callback -> callback.call(sources.sweeps().get().running())).register(registry);
        GaugeWithCallback.builder().name("mappe_retention_sweep_items_pending")
                .help("Items on the lists of running sweeps that are not carried out yet")
                .callback(callback -> callback.call(sources.sweeps().get().pending())).register(registry);
    }

    /** One answered HTTP request. */
    public void request(String method, String route, int status, double seconds) {
        requests.labelValues(method, route, Integer.toString(status)).inc();
        requestDuration.labelValues(method, route).observe(seconds);
    }

    public void loginFailed() {
        loginFailures.inc();
    }

    public void loginLockedOut() {
        loginLockouts.inc();
    }

    public Timing generation() {
        return generation::observe;
    }

    public Timing sealing() {
        return sealing::observe;
    }

    /** The Prometheus text format's content type, with its version. */
    public String contentType() {
        return writer.getContentType();
    }

    /** Every metric now, in the Prometheus text format. */
    public byte[] scrape() {
        jvmMetrics.join();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
