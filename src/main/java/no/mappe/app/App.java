package no.mappe.app;

import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import no.mappe.archive.AccessRequestExport;
import no.mappe.archive.Archive;
import no.mappe.archive.AuditTrail;
import no.mappe.archive.CaseOverviews;
import no.mappe.archive.BlobStore;
import no.mappe.archive.DocumentService;
import no.mappe.archive.MasterKey;
import no.mappe.archive.Uploads;
import no.mappe.audit.AuditLog;
import no.mappe.cases.CaseService;
import no.mappe.config.Config;
import no.mappe.config.Resources;
import no.mappe.db.Database;
import no.mappe.demo.DemoData;
import no.mappe.errors.StartupRefused;
import no.mappe.retention.DisposalCertificate;
import no.mappe.retention.HoldService;
import no.mappe.retention.Holds;
import no.mappe.retention.PolicyChanges;
import no.mappe.retention.PolicyLoader;
import no.mappe.retention.Retention;
import no.mappe.retention.RetentionPolicy;
import no.mappe.retention.RetentionScheduler;
import no.mappe.retention.ReviewDecisions;
import no.mappe.retention.Statistics;
import no.mappe.retention.SweepService;
import no.mappe.search.Ocr;
import no.mappe.search.Reindexer;
import no.mappe.search.SearchIndex;
import no.mappe.search.SearchService;
import no.mappe.search.TextExtractor;
import no.mappe.security.Authenticator;
import no.mappe.security.Directory;
import no.mappe.security.Organisation;
import no.mappe.security.PasswordHasher;
import no.mappe.security.ProfileService;
import no.mappe.security.Sessions;
import no.mappe.signing.SealKeys;
import no.mappe.signing.SignatureService;
import no.mappe.templates.DocxRenderer;
import no.mappe.templates.PdfRenderer;
import no.mappe.templates.TemplateCatalogue;
import no.mappe.templates.TemplateFiller;
import no.mappe.templates.TemplateValidator;
import no.mappe.templates.TemplateVersions;
import no.mappe.untrusted.ChildProcesses;
import no.mappe.untrusted.PageImages;
import no.mappe.web.WebServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every component from a validated {@link Config}, in dependency
 * order, and hands out an unstarted server. Anything invalid (policies, templates, keys) stops the
 * build with a message that says what to fix. The CLI and the tests use the same root.
 */
public final class App implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    private final Config config;
    private final Database database;
    private final SearchIndex index;
    private final AuditLog audit;
    private final Directory directory;
    private final Archive archive;
    private final CaseService cases;
    private final DocumentService documents;
    private final TemplateCatalogue catalogue;
    private final ProfileService profiles;
    private final SignatureService signatures;
    private final SweepService sweeps;
    private final Retention retention;
    private final ChildProcesses children;
    private final Optional<String> demoPassword;
    private final Javalin server;
    private final Optional<RetentionScheduler> scheduler;
    /** Organisations whose retention policy changed since the previous start: their index entries are refreshed. */
    private final List<String> policyChangedFor;

    private App(Config config, Clock clock, boolean seedDemo) {
        this.config = config;
        createDirectory(config.dataDir());
        // The index's write lock doubles as the process lock: one Mappe per data directory.
        this.index = SearchIndex.open(config.dataDir().resolve("index"));
        Database openedDatabase = null;
        try {
            openedDatabase = Database.open(config.dataDir().resolve("mappe.db"));
            this.database = openedDatabase;
            Resources templates = config.templatesDir().map(Resources::fromDirectory).orElse(Resources.fromClasspath("templates"));
            this.catalogue = TemplateCatalogue.load(templates);
            MasterKey masterKey = masterKey(config);
            BlobStore blobs = new BlobStore(config.dataDir().resolve("blobs"), masterKey);
            this.audit = new AuditLog(database, masterKey.fieldCipher("audit-detail"), clock);
            this.directory = new Directory(database);
            PasswordHasher hasher = new PasswordHasher();
            DemoData demoData = new DemoData(database, directory, hasher, clock);
            Optional<DemoData.Seeded> seeded = config.demo() && seedDemo
                    ? Optional.of(demoData.seed(config.demoPassword()))
                    : Optional.empty();
            this.demoPassword = seeded.map(DemoData.Seeded::password);
            Resources policies = config.policyDir().map(Resources::fromDirectory).orElse(Resources.fromClasspath("archive-policy"));
            List<String> documentTypes = new java.util.ArrayList<>(catalogue.documentTypes());
            documentTypes.add(Uploads.DOCUMENT_TYPE);
            documentTypes.add(DisposalCertificate.DOCUMENT_TYPE);
            PolicyLoader policyLoader = new PolicyLoader(policies, documentTypes);
            Holds holds = new Holds(database, masterKey.fieldCipher("hold-reason"), audit, clock);
            this.retention = new Retention(policies(directory, policyLoader), holds, new ReviewDecisions(database));

            this.archive = new Archive(database, blobs);
            int orphans = archive.removeOrphanBlobs();
            if (orphans > 0) {
                LOG.info("Removed {} unreadable blob files left by an interrupted write or shred", orphans);
            }
            this.cases = new CaseService(database, directory, audit, clock);
            this.profiles = new ProfileService(database, directory, audit, clock);
            TemplateFiller filler = new TemplateFiller(catalogue);
            PdfRenderer renderer = new PdfRenderer();
            TemplateVersions templateVersions = new TemplateVersions(database, catalogue,
                    new TemplateValidator(filler, renderer, catalogue.partialNames()), profiles, audit, clock);
            templateVersions.loadStored();
            this.documents = new DocumentService(archive, cases, directory, profiles, catalogue, filler, renderer, new DocxRenderer(),
                    index, retention, audit, clock);
            if (seeded.isPresent() && seeded.get().created()) {
                demoData.seedProfiles(profiles);
                demoData.seedDocuments(documents);
            }
            // Uploaded files are read by child processes (Tika, Tesseract, the scan rasteriser), all under one cap.
            int cores = Runtime.getRuntime().availableProcessors();
            this.children = new ChildProcesses(Math.max(2, cores / 2), Duration.ofSeconds(10));
            PageImages pageImages = new PageImages(children);
            Ocr ocr = new Ocr(children);
            SealKeys sealKeys = new SealKeys(config.sealDir().orElse(config.dataDir().resolve("seals")), config.sealPassword(),
                    config.demo());
            this.signatures = new SignatureService(database, archive, documents, directory, profiles, catalogue, renderer, sealKeys,
                    masterKey.fieldCipher("signing-data"), pageImages, ocr, audit, clock);
            this.sweeps = new SweepService(database, archive, retention, index, new DisposalCertificate(documents, directory, renderer),
                    audit, clock);
            int interrupted = sweeps.markInterrupted();
            if (interrupted > 0) {
                LOG.warn("{} retention sweep(s) were interrupted by a stop; the next sweep finishes them", interrupted);
            }
            PolicyChanges policyChanges = new PolicyChanges(database, retention, policyLoader, audit, clock);
            this.policyChangedFor = policyChanges.recordInForce(directory.organisations().stream().map(Organisation::id).toList());
            Sessions sessions = new Sessions(clock, config.sessionIdle());
            Authenticator authenticator = new Authenticator(directory, hasher, sessions, audit, clock);
            SearchService search = new SearchService(index, archive, cases, documents, audit, clock);
            AccessRequestExport exports = new AccessRequestExport(archive, cases, directory, documents, renderer, audit);
            Uploads uploads = new Uploads(archive, cases, directory, retention, new TextExtractor(children, Duration.ofSeconds(10)),
                    pageImages, ocr, documents, audit, clock);
            this.server = WebServer.create(new WebServer.Services(authenticator, sessions, directory, profiles, catalogue,
                    templateVersions, cases, documents, signatures, exports, uploads, search, sweeps,
                    new HoldService(holds, documents, cases), policyChanges, new Statistics(database),
                    new ReviewDecisions.Decider(retention, documents, database, audit, clock),
                    new CaseOverviews(archive, cases, catalogue), new AuditTrail(archive, cases, directory, audit)),
                    config.secureCookies());
            this.scheduler = config.sweepAt().map(at -> new RetentionScheduler(sweeps, directory, at, clock));
        } catch (RuntimeException e) {
            if (openedDatabase != null) {
                openedDatabase.close();
            }
            index.close();
            throw e;
        }
    }

    /** Builds everything; nothing listens until {@link #start()}. */
    public static App build(Config config) {
        return new App(config, Clock.systemDefaultZone(), true);
    }

    /** For CLI maintenance commands: the same components, but demo data is never (re)seeded. */
    public static App buildForMaintenance(Config config) {
        return new App(config, Clock.systemDefaultZone(), false);
    }

    /** Starts the HTTP server on the configured port (0 picks a free one) and the nightly sweeps. */
    public App start() {
        catchUpIndex();
        refreshAfterPolicyChange();
        server.start(config.port());
        scheduler.ifPresent(RetentionScheduler::start);
        return this;
    }

    public int port() {
        return server.port();
    }

    public Config config() {
        return config;
    }

    /** The demo users' password when running in demo mode. */
    public Optional<String> demoPassword() {
        return demoPassword;
    }

    public AuditLog audit() {
        return audit;
    }

    public Directory directory() {
        return directory;
    }

    public SweepService sweeps() {
        return sweeps;
    }

    public DocumentService documents() {
        return documents;
    }

    public CaseService cases() {
        return cases;
    }

    public Archive archive() {
        return archive;
    }

    public SearchIndex index() {
        return index;
    }

    public SignatureService signatures() {
        return signatures;
    }

    public TemplateCatalogue catalogue() {
        return catalogue;
    }

    public Reindexer reindexer() {
        return new Reindexer(index, archive, cases, directory, documents, retention);
    }

    public Database database() {
        return database;
    }

    /** The processes that read uploaded files, and their shared cap. */
    public ChildProcesses childProcesses() {
        return children;
    }

    @Override
    public void close() {
        scheduler.ifPresent(RetentionScheduler::close);
        server.stop();
        index.close();
        database.close();
    }

    /**
     * The index is derived data: a crash between a database commit and the index update can leave
     * it behind. When its size disagrees with the archive it is rebuilt before serving.
     */
    private void catchUpIndex() {
        int stored = archive.count();
        int indexed = index.size();
        if (stored != indexed) {
            LOG.warn("The search index holds {} documents but the archive {}; rebuilding it", indexed, stored);
            reindexer().rebuild((done, total) -> { });
        }
    }

    /**
     * A changed policy changes due dates, which search shows as retention states: the index is
     * refreshed in place in the background, while searches keep working.
     */
    private void refreshAfterPolicyChange() {
        if (policyChangedFor.isEmpty()) {
            return;
        }
        LOG.info("The retention policy of {} organisation(s) changed; refreshing the search index in the background",
                policyChangedFor.size());
        Thread refresh = new Thread(() -> {
            try {
                reindexer().rebuild((done, total) -> { });
            } catch (RuntimeException e) {
                LOG.error("Refreshing the index after a policy change failed; run 'mappe reindex'", e);
            }
        }, "mappe-policy-refresh");
        refresh.setDaemon(true);
        refresh.start();
    }

    private static Map<String, RetentionPolicy> policies(Directory directory, PolicyLoader loader) {
        Map<String, RetentionPolicy> byOrganisation = new LinkedHashMap<>();
        for (Organisation organisation : directory.organisations()) {
            byOrganisation.put(organisation.id(), loader.load(organisation.policy()));
        }
        return byOrganisation;
    }

    private static MasterKey masterKey(Config config) {
        if (config.masterKeyFile().isPresent()) {
            return MasterKey.load(config.masterKeyFile().get());
        }
        Path demoKey = config.dataDir().resolve("master.key");
        if (config.demo()) {
            return MasterKey.loadOrCreate(demoKey);
        }
        if (Files.isRegularFile(demoKey)) {
            return MasterKey.load(demoKey); // created by an earlier demo run on this data directory
        }
        throw new StartupRefused("Set MAPPE_MASTER_KEY_FILE to the file holding the master key (32 random bytes, base64)."
                + " Only demo mode (MAPPE_DEMO=true) generates one by itself.");
    }

    /** The master key if one exists for this configuration, without ever creating one (for read-only tools). */
    public static Optional<MasterKey> existingMasterKey(Config config) {
        if (config.masterKeyFile().isPresent()) {
            return Optional.of(MasterKey.load(config.masterKeyFile().get()));
        }
        Path demoKey = config.dataDir().resolve("master.key");
        return Files.isRegularFile(demoKey) ? Optional.of(MasterKey.load(demoKey)) : Optional.empty();
    }

    private static void createDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StartupRefused("Cannot create the data directory " + directory + ": " + e.getMessage(), e);
        }
    }
}
