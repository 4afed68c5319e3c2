package no.mappe.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import no.mappe.errors.QueueFull;
import no.mappe.errors.ServiceBusy;
import no.mappe.files.Trees;
import no.mappe.search.extract.UploadBytes;
import no.mappe.search.extract.UploadFetcher;
import no.mappe.untrusted.ChildProcesses;
import no.mappe.untrusted.ReplyFilter;
import org.apache.tika.config.TikaTaskTimeout;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.pipes.FetchEmitTuple;
import org.apache.tika.pipes.HandlerConfig;
import org.apache.tika.pipes.PipesClient;
import org.apache.tika.pipes.PipesConfig;
import org.apache.tika.pipes.PipesResult;
import org.apache.tika.pipes.emitter.EmitKey;
import org.apache.tika.pipes.fetcher.FetchKey;
import org.apache.tika.sax.BasicContentHandlerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts the text of an uploaded file with Tika in long-lived child JVMs (Tika Pipes): each child
 * has at most 256 MB of heap, reads one file at a time under a time limit, applies Mappe's limits on
 * decompression and nesting itself ({@link UploadFetcher}), and is replaced in the background when
 * it times out, runs out of memory or dies, so a hostile file only ever takes down a child and the
 * next upload finds a warm one. A corrupt or hostile file is refused or stored without text. The text
 * comes back NFC-normalised. This is the only class that knows Tika Pipes (its API changes in Tika 4).
 *
 * <p>Back-pressure: at most {@code children} files are read at once and {@code queue} more wait; an
 * upload beyond that gets {@link QueueFull} (429) at once. A child that is reading holds one of the
 * shared {@link ChildProcesses} slots, so extraction, OCR and the scan rasteriser together never run
 * more busy children than there are slots; an idle child costs memory (its heap), not CPU, and holds none.
 */
public final class TextExtractor implements AutoCloseable {

    public static final int MAX_INPUT_BYTES = 50 * 1024 * 1024;
    public static final int MAX_TEXT_CHARS = 2_000_000;

    private static final Logger LOG = LoggerFactory.getLogger(TextExtractor.class);
    private static final int HEAP_MEGABYTES = 256;
    /**
     * The heap a child starts with and grows from as a file needs. Left to the JVM it is a 64th of the machine's
     * memory (all 256 MB from 16 GB up), with a young generation of 77 MB that the warm-up's garbage fills before the
     * first collection: an idle child held 126 MB instead of 86 (2026-12-03, 24 GB), at the same uploads/s.
     */
    private static final int FIRST_HEAP_MEGABYTES = 16;
    /** A child is replaced after this many files: whatever a parser leaks does not pile up. */
    private static final int RECYCLE_AFTER = 2_000;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final int START_ATTEMPTS = 3;
    private static final Duration AFTER_FAILED_STARTS = Duration.ofMinutes(1);
    private static final int RETRY_AFTER_SECONDS = 2;
    private static final byte[] WARM_UP = "Mappe".getBytes(StandardCharsets.UTF_8);

    /** What became of an extraction. */
    public enum Outcome { TEXT, REFUSED, UNREADABLE, TIMED_OUT, TOO_LARGE }

    /** The outcome and the text (empty unless {@link Outcome#TEXT}). */
    public record Result(Outcome outcome, String text) {
    }

    /** One long-lived child: its Tika client (which owns the process), its temp directory, and its count of files. */
    private static final class Child {
        private final int number;
        /** Null until the child first starts. */
        private PipesClient client;
        private int files;

        Child(int number) {
            this.number = number;
        }
    }

    private final ChildProcesses slots;
    private final Duration timeLimit;
    private final int children;
    private final int queue;
    private final ExtractorDirectory directory;
    private final Path home;
    private final Semaphore admitted;
    private final BlockingQueue<Child> idle = new LinkedBlockingQueue<>();
    private final Set<PipesClient> clients = ConcurrentHashMap.newKeySet();
    private final ExecutorService starter = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("extractor-start-", 0).factory());
    private volatile boolean closed;

    /**
     * Writes the children's configuration to a new private directory; no child runs before
     * {@link #start()} or the first file.
     *
     * @param slots     the shared cap on busy child processes
     * @param timeLimit per file, from handing it to a child until its text is back
     * @param children  how many children read files at once
     * @param queue     how many more files may wait for one
     */
    public TextExtractor(ChildProcesses slots, Duration timeLimit, int children, int queue) {
        if (children < 1 || queue < 0) {
            throw new IllegalArgumentException("at least one extractor child and no negative queue");
        }
        ReplyFilter.install();
        this.slots = slots;
        this.timeLimit = timeLimit;
        this.children = children;
        this.queue = queue;
        this.admitted = new Semaphore(children + queue);
        try {
            this.directory = ExtractorDirectory.create(ExtractorDirectory.placeFor(children));
            this.home = directory.path();
            Files.writeString(home.resolve("tika-config.xml"), TIKA_CONFIG);
            Files.writeString(home.resolve("child-logback.xml"), CHILD_LOGGING);
            Files.writeString(home.resolve("child-jul.properties"), "handlers=\n.level=OFF\n");
            for (int number = 0; number < children; number++) {
                Files.createDirectories(temporaryDirectory(number));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The text extractors' directory could not be written", e);
        }
        // Each child's client is made when it first starts (start() or its first file), not here: reading Tika's
        // configuration took a tenth of a second of the service's start, for clients that start() replaced at once.
        for (int number = 0; number < children; number++) {
            idle.add(new Child(number));
        }
    }

    /** Starts every child now, in the background, so the first uploads do not wait for a JVM to start. */
    public TextExtractor start() {
        List<Child> cold = new ArrayList<>();
        idle.drainTo(cold);
        cold.forEach(this::replaceLater);
        return this;
    }

    /**
     * Throws {@link QueueFull} when every child is busy and the queue is full, and {@link ServiceBusy}
     * when the file waited its turn too long.
     */
    public Result extract(byte[] file) {
        if (file.length > MAX_INPUT_BYTES) {
            return new Result(Outcome.TOO_LARGE, "");
        }
        if (!admitted.tryAcquire()) {
            throw new QueueFull("Mappe is reading " + children + " uploaded files and " + queue + " more are waiting, so nothing was"
                    + " stored. Send the same request again in " + RETRY_AFTER_SECONDS + " seconds.", RETRY_AFTER_SECONDS);
        }
        try {
            Child child = take();
            ChildProcesses.Slot slot;
            try {
                slot = slots.slot();
            } catch (RuntimeException busy) {
                idle.add(child);
                throw busy;
            }
            boolean healthy = false;
            try (slot) {
                Extracted extracted = extractWith(child, file);
                healthy = extracted.healthy();
                return extracted.result();
            } finally {
                if (healthy && ++child.files < RECYCLE_AFTER) {
                    idle.add(child);
                } else {
                    replaceLater(child);
                }
            }
        } finally {
            admitted.release();
        }
    }

    /** How many children are started and waiting for a file. */
    public int ready() {
        return idle.size();
    }

    /** The processes of the children now running (for the operator, and for tests that kill one). */
    public List<ProcessHandle> processes() {
        String marker = marker();
        return ProcessHandle.current().descendants().filter(process -> commandLine(process).contains(marker)).toList();
    }

    /** The temporary directory of a child (for tests: what a child leaves on the disk). */
    Path temporaryDirectory(int child) {
        return home.resolve("tmp-" + child);
    }

    /** Stops every child and removes the private directory; an upload still waiting is told the service is busy. */
    @Override
    public void close() {
        closed = true;
        starter.shutdownNow();
        for (PipesClient client : clients) {
            closeQuietly(client);
        }
        try {
            starter.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clients.forEach(TextExtractor::closeQuietly); // one a starter made before it saw the shutdown
        directory.close();
    }

    /** Read from /proc: the JDK's ProcessHandle.Info leaves out long command lines like a child's classpath. */
    private static String commandLine(ProcessHandle process) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")), StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            return process.info().commandLine().orElse("");
        }
    }

    /** Names this pool's children on their command line. */
    private String marker() {
        return "-Dmappe.extractors=" + home;
    }

    private record Extracted(Result result, boolean healthy) {
    }

    private Child take() {
        // Everything admitted ahead of this file finishes or times out within this; a child being replaced takes at most START_TIMEOUT.
        long patience = timeLimit.toMillis() * (queue / children + 2) + START_TIMEOUT.toMillis();
        Child child;
        try {
            child = idle.poll(patience, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child = null;
        }
        if (child == null || closed) {
            if (child != null) {
                idle.add(child);
            }
            throw new ServiceBusy("Mappe is reading other uploaded files right now; nothing was stored. Send the same request again in "
                    + RETRY_AFTER_SECONDS + " seconds.", RETRY_AFTER_SECONDS);
        }
        return child;
    }

    private Extracted extractWith(Child child, byte[] file) {
        PipesResult result;
        try {
            if (child.client == null) {
                child.client = newClient(child);
            }
            result = child.client.process(tuple(file));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Extracted(new Result(Outcome.UNREADABLE, ""), false);
        } catch (IOException | RuntimeException e) {
            LOG.warn("A text extractor child failed ({}); it is replaced", e.getClass().getSimpleName());
            return new Extracted(new Result(Outcome.UNREADABLE, ""), false);
        }
        return switch (result.getStatus()) {
            case PARSE_SUCCESS, PARSE_SUCCESS_WITH_EXCEPTION -> new Extracted(fromMetadata(result), true);
            case TIMEOUT -> {
                LOG.warn("Text extraction of an upload took longer than {}; its child was stopped and is replaced", timeLimit);
                yield new Extracted(new Result(Outcome.TIMED_OUT, ""), false);
            }
            case OOM -> {
                LOG.warn("A text extractor child ran out of memory on an upload; it is replaced");
                yield new Extracted(new Result(Outcome.UNREADABLE, ""), false);
            }
            default -> {
                LOG.warn("A text extractor child ended with {}; it is replaced", result.getStatus());
                yield new Extracted(new Result(Outcome.UNREADABLE, ""), false);
            }
        };
    }

    /**
     * Only the text and the failure are read from the reply. A parse that failed on its way is
     * unreadable (no half text in the index), unless it stopped at the text limit; a limit of Tika's
     * own (nesting, "zip bomb") or of Mappe's budget refuses the file.
     */
    private static Result fromMetadata(PipesResult result) {
        if (result.getEmitData() == null || result.getEmitData().getMetadataList() == null
                || result.getEmitData().getMetadataList().isEmpty()) {
            return new Result(Outcome.UNREADABLE, "");
        }
        Metadata metadata = result.getEmitData().getMetadataList().getFirst();
        if (metadata.get(UploadFetcher.REFUSED_KEY) != null) {
            return new Result(Outcome.REFUSED, "");
        }
        String failure = metadata.get(TikaCoreProperties.CONTAINER_EXCEPTION);
        if (failure != null) {
            if (failure.toLowerCase(Locale.ROOT).contains("zip bomb")) {
                return new Result(Outcome.REFUSED, "");
            }
            if (!failure.contains("WriteLimitReached")) {
                return new Result(Outcome.UNREADABLE, "");
            }
        }
        String text = metadata.get(TikaCoreProperties.TIKA_CONTENT);
        if (text == null) {
            return new Result(Outcome.UNREADABLE, "");
        }
        if (text.length() > MAX_TEXT_CHARS) {
            text = text.substring(0, MAX_TEXT_CHARS); // the child's write limit, again here: its reply is not trusted
        }
        return new Result(Outcome.TEXT, Normalizer.normalize(text.strip(), Normalizer.Form.NFC));
    }

    /** An opaque id: Tika logs it with every failure, so it must say nothing about the file or its owner. */
    private FetchEmitTuple tuple(byte[] file) {
        ParseContext context = new ParseContext();
        context.set(UploadBytes.class, new UploadBytes(file));
        context.set(HandlerConfig.class, new HandlerConfig(BasicContentHandlerFactory.HANDLER_TYPE.TEXT,
                HandlerConfig.PARSE_MODE.CONCATENATE, MAX_TEXT_CHARS, -1, false));
        context.set(TikaTaskTimeout.class, new TikaTaskTimeout(timeLimit.toMillis()));
        String id = UUID.randomUUID().toString();
        return new FetchEmitTuple(id, new FetchKey(UploadFetcher.NAME, id), EmitKey.NO_EMIT, new Metadata(), context,
                FetchEmitTuple.ON_PARSE_EXCEPTION.EMIT);
    }

    /**
     * The watchdog's other half: a child that failed, or read its share of files, is replaced by a
     * new one, started and warmed off the request path. A start is tried {@value #START_ATTEMPTS}
     * times (each within {@link #START_TIMEOUT}); when all fail, the next round comes a minute later,
     * and meanwhile uploads are served by the other children or told the service is busy.
     */
    private void replaceLater(Child child) {
        if (closed) {
            return;
        }
        try {
            starter.submit(() -> replace(child));
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // closing
        }
    }

    private void replace(Child child) {
        while (!closed) {
            for (int attempt = 1; attempt <= START_ATTEMPTS && !closed; attempt++) {
                if (child.client != null) {
                    retire(child.client);
                }
                child.client = newClient(child);
                child.files = 0;
                if (warm(child.client)) {
                    if (closed) {
                        retire(child.client);
                    } else {
                        idle.add(child);
                    }
                    return;
                }
                if (!closed) {
                    LOG.warn("Text extractor child {} did not start (attempt {} of {})", child.number, attempt, START_ATTEMPTS);
                }
            }
            if (closed) {
                return; // the service stopped while the child started: nothing failed
            }
            LOG.error("Text extractor child {} could not be started {} times; trying again in {}", child.number, START_ATTEMPTS,
                    AFTER_FAILED_STARTS);
            try {
                Thread.sleep(AFTER_FAILED_STARTS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Starts the child by giving it a tiny file; Tika's own start retries without end, so it is given a deadline here. */
    private boolean warm(PipesClient client) {
        Future<PipesResult> started = starter.submit(() -> client.process(tuple(WARM_UP)));
        try {
            PipesResult result = started.get(START_TIMEOUT.toMillis() + timeLimit.toMillis(), TimeUnit.MILLISECONDS);
            return result.getStatus() == PipesResult.STATUS.PARSE_SUCCESS;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.cancel(true);
            return false;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            started.cancel(true);
            return false;
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return false;
        }
    }

    /** A new client for the child's place: its own temp directory, emptied first (a killed child leaves its spool files). */
    private PipesClient newClient(Child child) {
        Path tmp = temporaryDirectory(child.number);
        try {
            Files.createDirectories(tmp);
            deleteContents(tmp);
            PipesConfig config = PipesConfig.load(home.resolve("tika-config.xml"));
            config.setJavaPath(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            config.setTimeoutMillis(timeLimit.toMillis());
            config.setStartupTimeoutMillis(START_TIMEOUT.toMillis());
            config.setSleepOnStartupTimeoutMillis(1000);
            config.setShutdownClientAfterMillis(0);
            config.setMaxForEmitBatchBytes(-1); // every reply comes back to this process; no emitter in the child
            config.setForkedJvmArgs(new ArrayList<>(List.of(marker(), "-cp", System.getProperty("java.class.path"),
                    "-Xms" + FIRST_HEAP_MEGABYTES + "m", "-Xmx" + HEAP_MEGABYTES + "m",
                    "-XX:+UseSerialGC", "-XX:TrimNativeHeapInterval=5000",
                    "-Xlog:disable", "-Xlog:all=warning:stderr", "--enable-native-access=ALL-UNNAMED",
                    "-Djava.io.tmpdir=" + tmp, "-Dlogback.configurationFile=" + home.resolve("child-logback.xml"),
                    "-Djava.util.logging.config.file=" + home.resolve("child-jul.properties"),
                    "-Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory",
                    "-Dorg.apache.logging.log4j.simplelog.level=OFF")));
            PipesClient client = new PipesClient(config);
            clients.add(client);
            return client;
        } catch (IOException | org.apache.tika.exception.TikaException e) {
            throw new IllegalStateException("The text extractors' configuration could not be read", e);
        }
    }

    private void retire(PipesClient client) {
        clients.remove(client);
        closeQuietly(client);
    }

    private static void closeQuietly(PipesClient client) {
        try {
            client.close();
        } catch (IOException | RuntimeException e) {
            // the process is killed either way
        }
    }

    private static void deleteContents(Path directory) {
        try {
            Trees.deleteContents(directory);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Temporary files of a text extractor child could not all be removed");
        }
    }

    /**
     * The children's Tika configuration: Mappe's fetcher and embedded-file counter, Tika's nesting
     * limit as before, and replies always sent back (no emitter).
     */
    private static final String TIKA_CONFIG = """
            <?xml version="1.0" encoding="UTF-8"?>
            <properties>
              <autoDetectParserConfig>
                <maximumDepth>64</maximumDepth>
                <embeddedDocumentExtractorFactory class="no.mappe.search.extract.CountingExtractorFactory"/>
              </autoDetectParserConfig>
              <fetchers>
                <fetcher class="no.mappe.search.extract.UploadFetcher"><name>upload</name></fetcher>
              </fetchers>
              <pipes>
                <params>
                  <maxForEmitBatchBytes>-1</maxForEmitBatchBytes>
                  <shutdownClientAfterMillis>0</shutdownClientAfterMillis>
                </params>
              </pipes>
            </properties>
            """;

    /**
     * The children log nothing, through any of the logging APIs their libraries use (SLF4J here, JUL
     * and Log4j's API in the flags): Tika's warnings carry stack traces with pieces of the files, and
     * a child's stderr is the service's.
     */
    private static final String CHILD_LOGGING = """
            <configuration>
              <root level="OFF"/>
            </configuration>
            """;
}
