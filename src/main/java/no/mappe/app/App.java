package no.mappe.app;

import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import no.mappe.archive.AccessRequestExport;
import no.mappe.archive.Archive;
import no.mappe.archive.AuditTrail;
import no.mappe.archive.CaseOverviews;
import no.mappe.archive.LeaderOverview;
import no.mappe.archive.BlobObjects;
import no.mappe.archive.BlobStore;
import no.mappe.archive.Dispatches;
import no.mappe.archive.DocumentService;
import no.mappe.archive.FieldCipher;
import no.mappe.archive.KeyCheck;
import no.mappe.archive.MasterKey;
import no.mappe.archive.PlaintextColumns;
import no.mappe.archive.Uploads;
import no.mappe.audit.AuditCheckpoint;
import no.mappe.audit.AuditCheckpointer;
import no.mappe.audit.AuditLog;
import no.mappe.backup.BackupJobs;
import no.mappe.cluster.Leases;
import no.mappe.cluster.NodeId;
import no.mappe.cases.CaseService;
import no.mappe.cases.StaffFolders;
import no.mappe.cases.Participants;
import no.mappe.config.Config;
import no.mappe.config.SearchLocation;
import no.mappe.config.Resources;
import no.mappe.db.Database;
import no.mappe.demo.DemoData;
import no.mappe.errors.StartupRefused;
import no.mappe.files.OwnerOnly;
import no.mappe.minutes.MinutesBook;
import no.mappe.minutes.MinutesCheck;
import no.mappe.ops.Metrics;
import no.mappe.ops.Readiness;
import no.mappe.ops.ScrapeToken;
import no.mappe.people.Organisations;
import no.mappe.people.People;
import no.mappe.people.SetupTokens;
import no.mappe.retention.DisposalCertificate;
import no.mappe.imports.BulkImport;
import no.mappe.imports.ImportJobs;
import no.mappe.imports.ImportedFiles;
import no.mappe.keys.EncryptedColumns;
import no.mappe.complaints.ComplaintRegister;
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
import no.mappe.retention.SweepTotals;
import no.mappe.search.Dictionaries;
import no.mappe.search.Indexer;
import no.mappe.search.Ocr;
import no.mappe.search.OpenSearchIndex;
import no.mappe.search.SearchEngine;
import no.mappe.search.SearchIndex;
import no.mappe.search.SearchService;
import no.mappe.search.TextExtractor;
import no.mappe.security.Account;
import no.mappe.security.Authenticator;
import no.mappe.security.Directory;
import no.mappe.security.LoginAttempts;
import no.mappe.security.OperatorToken;
import no.mappe.security.Organisation;
import no.mappe.security.PasswordHasher;
import no.mappe.security.ProfileService;
import no.mappe.security.SecondFactors;
import no.mappe.security.Sessions;
import no.mappe.security.TimeZones;
import no.mappe.signing.SealKeys;
import no.mappe.signing.SignatureService;
import no.mappe.sso.Discovery;
import no.mappe.sso.SignInProviders;
import no.mappe.sso.SingleSignOn;
import no.mappe.templates.DocxRenderer;
import no.mappe.templates.PdfRenderer;
import no.mappe.templates.TemplateCatalogue;
import no.mappe.templates.TemplateFiller;
import no.mappe.templates.TemplateValidator;
import no.mappe.templates.TemplateTexts;
import no.mappe.templates.TemplateVersions;
import no.mappe.templates.WelcomeFolderPreview;
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
    /** Where the encrypted blobs are kept (MAPPE_BLOBS): its connections close with the service. */
    private final BlobObjects blobObjects;
    private final SearchEngine index;
    private final Indexer indexer;
    private final AuditLog audit;
    /** Anchors the audit log's head in a file outside the database: at start, every minute while it moves, at close. */
    private final AuditCheckpointer checkpointer;
    private final Directory directory;
    private final Archive archive;
    private final CaseService cases;
    private final DocumentService documents;
    private final TemplateCatalogue catalogue;
    private final ProfileService profiles;
    private final SignatureService signatures;
    private final SweepService sweeps;
    private final Retention retention;
    private final Organisations organisations;
    private final People people;
    private final SetupTokens setupTokens;
    private final ChildProcesses children;
    private final TextExtractor extractor;
    private final Metrics metrics;
    private final Optional<String> demoPassword;
    private final Javalin server;
    private final Optional<RetentionScheduler> scheduler;
    private final Housekeeping housekeeping;
    private final Leases leases;
    private final Readiness readiness;
    private Thread leftoverBlobRemoval;
    /** What a first demo start logs before it answers, and once its demo documents are made or could not be (tests wait for it). */
    public static final String DEMO_DOCUMENTS_BEGUN = "Demo data: making the organisations' profiles and documents";
    public static final String DEMO_DOCUMENTS_MADE = "Demo data: the organisations' profiles and documents were made";
    public static final String DEMO_DOCUMENTS_FAILED = "Making the demo documents failed";
    /** A demo world created by this start, whose profiles and documents are made once the service answers. */
    private final DemoData newDemoWorld;
    private Thread demoDocuments;
    /** Set when the service begins to stop: what would only follow the demo documents is then not begun. */
    private volatile boolean closing;
    private final Sessions sessions;
    private final BackupJobs backupJobs;
    private final BulkImport bulkImport;
    private final ImportJobs importJobs;
    /** Organisations whose retention policy changed since the previous start: their index entries are refreshed. */
    private final List<String> policyChangedFor;
    private final PdfRenderer renderer;

    private App(Config config, Clock clock, boolean seedDemo, PasswordHasher hasher) {
        this.config = config;
        // The demo users' hash (Argon2, about half a second of one core) is made on another core while the rest is built.
        CompletableFuture<DemoData.Password> demoPasswordMade = config.demo() && seedDemo
                ? CompletableFuture.supplyAsync(() -> DemoData.password(config.demoPassword(), hasher))
                : null;
        // So is the template catalogue (parsing and checking every shipped template, about a quarter of a second).
        Resources templates = config.templatesDir().map(Resources::fromDirectory).orElse(Resources.fromClasspath("templates"));
        CompletableFuture<TemplateCatalogue> catalogueLoaded = CompletableFuture.supplyAsync(() -> TemplateCatalogue.load(templates));
        createPrivateDirectories(config.dataDir());
        Database.loadNativeLibraryAhead(); // while the index opens
        // The local index's write lock doubles as the process lock: one Mappe per data directory. With a search
        // cluster the lock is taken all the same, so that maintenance commands still see a running service.
        this.index = switch (config.search()) {
            case SearchLocation.LocalIndex local -> SearchIndex.open(config.dataDir().resolve("index"));
            case SearchLocation.OpenSearch cluster -> OpenSearchIndex.open(cluster, SearchIndex.lock(config.dataDir().resolve("index")));
        };
        Database openedDatabase = null;
        TextExtractor openedExtractor = null;
        BlobObjects openedBlobs = null;
        try {
            narrowPermissions(config);
            openedDatabase = Database.open(config.database(), config.dataDir());
            this.database = openedDatabase;
            this.metrics = new Metrics();
            Optional<ScrapeToken> metricsToken = config.metricsTokenFile().map(ScrapeToken::fromFile);
            this.catalogue = joined(catalogueLoaded);
            MasterKeys.Loaded masterKeyFile = MasterKeys.forService(config);
            MasterKey masterKey = masterKeyFile.key();
            KeyCheck.verifyAndRecord(database, masterKey, masterKeyFile.source(), clock);
            openedBlobs = BlobObjects.open(config.blobs(), config.dataDir());
            this.blobObjects = openedBlobs;
            BlobStore blobs = new BlobStore(openedBlobs, masterKey);
            this.audit = new AuditLog(database, masterKey, clock);
            this.checkpointer = AuditCheckpointer.create(audit, new AuditCheckpoint(config.dataDir(), masterKey), clock);
            this.directory = new Directory(database, masterKey);
            Participants participants = new Participants(masterKey);
            this.profiles = new ProfileService(database, directory, masterKey.fieldCipher("organisation-profile"), audit, clock);
            FieldCipher signingCipher = masterKey.fieldCipher("signing-data");
            encryptStoredPlaintext(database, directory, participants, profiles, signingCipher);
            DemoData demoData = new DemoData(database, directory, participants, clock);
            Optional<DemoData.Seeded> seeded = demoPasswordMade != null
                    ? Optional.of(demoData.seed(joined(demoPasswordMade)))
                    : Optional.empty();
            this.demoPassword = seeded.map(DemoData.Seeded::password);
            Resources policies = config.policyDir().map(Resources::fromDirectory).orElse(Resources.fromClasspath("archive-policy"));
            List<String> documentTypes = new java.util.ArrayList<>(catalogue.documentTypes());
            documentTypes.add(Uploads.DOCUMENT_TYPE);
            documentTypes.add(DisposalCertificate.DOCUMENT_TYPE);
            documentTypes.add(no.mappe.cases.StaffFolders.STAFF_WELCOME_FOLDER); // records slice: staff folders
            PolicyLoader policyLoader = new PolicyLoader(policies, documentTypes);
            Holds holds = new Holds(database, masterKey.fieldCipher("hold-reason"), audit, clock);
            this.retention = new Retention(policies(directory, policyLoader), holds, new ReviewDecisions(database));

            this.archive = new Archive(database, blobs);
            this.cases = new CaseService(database, directory, participants, masterKey.fieldCipher("case-event"), audit, clock);
            // complaints slice: the complaint register, its names and notes under their own field key.
            ComplaintRegister complaints = new ComplaintRegister(database, cases, directory,
                    masterKey.fieldCipher(EncryptedColumns.COMPLAINT), audit, clock);
            TemplateFiller filler = new TemplateFiller(catalogue);
            PdfRenderer renderer = new PdfRenderer();
            this.renderer = renderer;
            TemplateValidator templateValidator = new TemplateValidator(filler, renderer, catalogue.partialNames());
            TemplateVersions templateVersions = new TemplateVersions(database, catalogue, templateValidator, profiles, audit, clock);
            templateVersions.loadStored();
            MinutesCheck minutesCheck = new MinutesCheck(cases, directory);
            TimeZones timeZones = new TimeZones(database, audit); // the organisation's clock, for documents and pages alike
            this.documents = new DocumentService(archive, cases, directory, profiles, catalogue, filler, renderer, new DocxRenderer(),
                    retention, audit, clock, metrics.generation(), minutesCheck, timeZones);
            String nodeId = NodeId.of(config.dataDir());
            this.indexer = Indexer.of(database, archive, index, cases, directory, documents, retention, nodeId, clock);
            this.newDemoWorld = seeded.isPresent() && seeded.get().created() ? demoData : null;
            // Uploaded files are read by child processes (Tika, Tesseract, the scan rasteriser), all under one cap:
            // Tesseract and the rasteriser start one per use, Tika's children live on and take a slot while reading a file.
            int cores = Runtime.getRuntime().availableProcessors();
            this.children = new ChildProcesses(Math.max(2, cores / 2), Duration.ofSeconds(10));
            openedExtractor = new TextExtractor(children, Duration.ofSeconds(10), config.extraction().children(),
                    config.extraction().queue());
            this.extractor = openedExtractor;
            PageImages pageImages = new PageImages(children);
            Ocr ocr = new Ocr(children);
            SealKeys sealKeys = new SealKeys(config.sealDir().orElse(config.dataDir().resolve("seals")), config.sealPassword(),
                    config.demo());
            this.signatures = new SignatureService(database, archive, documents, directory, profiles, catalogue, renderer, sealKeys,
                    signingCipher, pageImages, ocr, audit, clock, metrics.sealing(), timeZones);
            this.leases = new Leases(database, nodeId, clock, config.leaseTerm());
            this.sweeps = new SweepService(database, archive, retention, indexer,
                    new DisposalCertificate(documents, directory, renderer, audit, profiles, catalogue, timeZones), audit, leases, clock);
            int interrupted = sweeps.markInterrupted();
            if (interrupted > 0) {
                LOG.warn("{} retention sweep(s) were interrupted by a stop; the next sweep finishes them", interrupted);
            }
            PolicyChanges policyChanges = new PolicyChanges(database, retention, policyLoader, audit, clock);
            this.policyChangedFor = policyChanges.recordInForce(directory.organisations().stream().map(Organisation::id).toList());
            this.sessions = new Sessions(database, directory, masterKey.macKey("session-csrf"), clock, config.sessionIdle());
            LoginAttempts loginAttempts = new LoginAttempts(database, masterKey.blindIndex("login-attempts"), clock);
            SecondFactors secondFactors = new SecondFactors(database, directory, sessions, loginAttempts, masterKey, audit, clock,
                    config.secondFactorRequired());
            Authenticator authenticator = new Authenticator(directory, hasher, sessions, loginAttempts, secondFactors, audit);
            this.setupTokens = new SetupTokens(database, directory, hasher, sessions, loginAttempts, audit, clock);
            this.people = new People(database, directory, setupTokens, sessions, loginAttempts, audit);
            this.organisations = new Organisations(database, directory, people, policyLoader, retention, policyChanges, audit);
            SearchService search = new SearchService(index, indexer, cases, documents, directory, profiles, audit, clock);
            Discovery discovery = new Discovery(clock);
            SignInProviders signInProviders = new SignInProviders(database, directory, masterKey.fieldCipher("sign-in-client-secret"),
                    discovery, audit, clock);
            AccessRequestExport exports = new AccessRequestExport(archive, cases, directory, documents, renderer, audit, timeZones);
            Uploads uploads = new Uploads(archive, cases, directory, retention, extractor,
                    pageImages, ocr, audit, clock);
            this.bulkImport = new BulkImport(uploads, new ImportedFiles(database, masterKey.blindIndex("imported-files")), database,
                    directory, clock);
            this.importJobs = new ImportJobs(database, bulkImport, masterKey.fieldCipher("import-report"), clock);
            int interruptedImports = importJobs.markInterrupted();
            if (interruptedImports > 0) {
                LOG.warn("{} import job(s) were interrupted by a stop; sending them again imports the rest", interruptedImports);
            }
            this.readiness = new Readiness(database, index, indexer, blobs.objects(), masterKey, masterKeyFile.source(),
                    config.dataDir(), config.minFreeDiskMegabytes() * 1024 * 1024);
            metrics.watch(new Metrics.Sources(indexer::lag, children::inUse, children.capacity(), readiness::freeDiskBytes,
                    () -> SweepTotals.read(database)));
            // Slice "leader": the overview across counsellors, the welcome folder preview of an unsaved profile, the template text editor.
            CaseOverviews overviews = new CaseOverviews(archive, cases, catalogue, complaints);
            WebServer.Leader leader = new WebServer.Leader(new LeaderOverview(cases, overviews,
                    directory, catalogue, clock), new WelcomeFolderPreview(catalogue, templateValidator),
                    new TemplateTexts(catalogue, templateVersions, templateValidator, profiles));
            this.server = WebServer.create(new WebServer.Services(authenticator, sessions, directory, profiles, catalogue,
                    templateVersions, cases, documents, signatures, exports, uploads, search, sweeps,
                    new HoldService(holds, documents, cases), policyChanges, new Statistics(database),
                    new ReviewDecisions.Decider(retention, documents, database, audit, clock),
                    overviews, new AuditTrail(archive, cases, directory, audit),
                    signInProviders, new SingleSignOn(database, directory, signInProviders, discovery, masterKey, sessions, audit, clock),
                    secondFactors, new Account(database, directory, hasher, sessions, loginAttempts, audit),
                    people, organisations, setupTokens, OperatorToken.of(config.operatorTokenFile()), leader,
                    new Dispatches(database, documents, audit, clock), // docs slice: documents sent and received
                    complaints, new StaffFolders(database, participants, cases, audit, clock), // records slice
                    new MinutesBook(cases, documents, minutesCheck, directory, audit), timeZones, importJobs),
                    config.secureCookies(), new WebServer.Operations(readiness, metrics, metricsToken), config.publicUrl());
            this.scheduler = config.sweepAt().map(at -> new RetentionScheduler(sweeps, directory, at, clock));
            this.housekeeping = new Housekeeping();
            this.backupJobs = new BackupJobs(database, config.dataDir(), blobs.objects(), masterKey, clock, config.backupSchedule());
        } catch (RuntimeException e) {
            if (openedExtractor != null) {
                openedExtractor.close();
            }
            if (openedBlobs != null) {
                openedBlobs.close();
            }
            if (openedDatabase != null) {
                openedDatabase.close();
            }
            index.close();
            throw e;
        }
    }

    /** The result of start-up work done on another core, failing as it failed there. */
    private static <T> T joined(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Builds everything; nothing listens until {@link #start()}. */
    public static App build(Config config) {
        return build(config, Clock.systemDefaultZone());
    }

    /** Like {@link #build(Config)} with another clock: tests move time on to see windows and deadlines pass. */
    public static App build(Config config, Clock clock) {
        return build(config, clock, new PasswordHasher());
    }

    /** Like {@link #build(Config, Clock)} with another password hasher: test servers hash with cheaper parameters. */
    public static App build(Config config, Clock clock, PasswordHasher hasher) {
        return new App(config, clock, true, hasher);
    }

    /** For CLI maintenance commands: the same components, but demo data is never (re)seeded. */
    public static App buildForMaintenance(Config config) {
        return new App(config, Clock.systemDefaultZone(), false, new PasswordHasher());
    }

    /**
     * Brings the index level with the database, seals documents whose signatures were all in when
     * the process last stopped, then starts the indexer, the HTTP server on the configured port (0
     * picks a free one), the nightly sweeps and the housekeeping.
     */
    public App start() {
        signatures.sealCompleted();
        // The index is derived data and follows the database through the outbox. Its first work is to replay what it had
        // not committed and compare every document's entry with the database, repairing what differs.
        indexer.start();
        refreshAfterPolicyChange();
        reanalyseIfOlder();
        // Writes are noted from here on (they are never taken for leftovers); the walk itself waits until the service answers.
        Archive.LeftoverRemoval leftovers = archive.leftoverRemoval(Instant.now().minusSeconds(1));
        server.start(config.port());
        // Once the service answers, in the background: blob files left by an interrupted write are removed, the extractor
        // children are warm by the first uploads, the dictionaries loaded by the first search and the fonts parsed by the first
        // document, and none competes with the start itself for the cores.
        startLeftoverBlobRemoval(leftovers);
        Dictionaries.warmUp();
        renderer.prepareFontsInBackground();
        Runnable startExtractors = () -> {
            if (config.extraction().atStart()) {
                extractor.start();
            }
        };
        if (newDemoWorld != null) {
            // On two cores, starting the extractor children (JVMs of their own) beside the renders tripled the demo's time.
            startDemoDocuments(startExtractors);
        } else {
            startExtractors.run();
        }
        scheduler.ifPresent(RetentionScheduler::start);
        housekeeping.every(Duration.ofMinutes(5), "sealing documents whose signatures are all in", signatures::sealCompleted);
        housekeeping.every(Duration.ofMinutes(15), "removing ended sessions", sessions::purgeExpired);
        // With several nodes on one database: a sweep whose node died (its claim ran out) is finished by one of the others.
        housekeeping.every(leases.term(), "taking over the retention sweeps of nodes that stopped", () -> sweeps.takeOverOrphans()
                .forEach(organisation -> LOG.warn("Finished the retention sweep of organisation {} that a stopped node left running",
                        organisation)));
        checkpointer.start();
        // A shred reaches the backups within seconds: their keys files are rewritten after every disposal.
        housekeeping.every(Duration.ofSeconds(10), "rewriting the keys files of backups after disposals", backupJobs::refreshKeys);
        backupJobs.schedule().ifPresent(schedule -> housekeeping.every(Duration.ofMinutes(1), "taking the nightly backup",
                backupJobs::backupIfDue));
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

    public ProfileService profiles() {
        return profiles;
    }

    /** The organisations of this installation and their first leaders (the CLI's init and organisation commands). */
    public Organisations organisations() {
        return organisations;
    }

    /** The people of every organisation (the CLI's user commands). */
    public People people() {
        return people;
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

    public SearchEngine index() {
        return index;
    }

    public Indexer indexer() {
        return indexer;
    }

    public SignatureService signatures() {
        return signatures;
    }

    public TemplateCatalogue catalogue() {
        return catalogue;
    }

    public Database database() {
        return database;
    }

    /** The processes that read uploaded files, and their shared cap. */
    public BackupJobs backupJobs() {
        return backupJobs;
    }

    /** An organisation's existing archive into Mappe (the CLI's import command). */
    public BulkImport bulkImport() {
        return bulkImport;
    }

    public ChildProcesses childProcesses() {
        return children;
    }

    /** The long-lived text extractor children (bulk import and uploads share them). */
    public TextExtractor textExtractor() {
        return extractor;
    }

    /**
     * Stops in the order that loses nothing: the server refuses new connections and lets running
     * requests finish (at most {@link WebServer#STOP_TIMEOUT}), the schedulers stop, the indexer
     * applies what is still pending, the audit checkpoint is written, then the index and the
     * database close.
     */
    @Override
    public void close() {
        closing = true;
        drain();
        server.stop();
        awaitDemoDocuments(); // a second at most; stopping it halfway would leave a demo folder half made
        importJobs.close();
        extractor.close(); // after the last request: no extractor child outlives the service
        scheduler.ifPresent(RetentionScheduler::close);
        housekeeping.close();
        leases.close(); // gives back what this node holds, so another node need not wait for it to run out
        indexer.close();
        try {
            indexer.applyPending(); // what a maintenance command changed goes into the index before it closes
        } catch (RuntimeException e) {
            LOG.warn("The search index could not take in the last changes; they are applied at the next start", e);
        }
        checkpointer.close();
        if (leftoverBlobRemoval != null) {
            leftoverBlobRemoval.interrupt(); // the walk stops at its next file; what it removed is gone, the rest stays
            try {
                leftoverBlobRemoval.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        index.close();
        database.close();
        blobObjects.close();
    }

    /**
     * The new demo world's profiles and documents, made on a thread of their own once the service answers (four renders
     * on a cold JVM were 0.8 s of a first start), and then what follows them.
     */
    private void startDemoDocuments(Runnable then) {
        LOG.info(DEMO_DOCUMENTS_BEGUN);
        demoDocuments = Thread.ofPlatform().name("mappe-demo-documents").start(() -> {
            long started = System.nanoTime();
            try {
                newDemoWorld.seedProfiles(profiles);
                newDemoWorld.seedDocuments(documents);
                LOG.info(DEMO_DOCUMENTS_MADE + " in {} ms", (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException e) {
                LOG.warn(DEMO_DOCUMENTS_FAILED + "; the demo runs without them (start on an empty data directory to try again)", e);
            } finally {
                if (!closing) {
                    then.run();
                }
            }
        });
    }

    /**
     * Waits until the profiles and documents of a new demo world are made (at once when there are none to make): for
     * tests, benchmarks and the warm-up, which should neither miss them nor measure beside them.
     */
    public App awaitDemoDocuments() {
        if (demoDocuments != null) {
            try {
                demoDocuments.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return this;
    }

    /**
     * Blob files a crash or a kill left are removed while the service runs: walking every blob file
     * took a second of the start at 10,000 documents. Everything written since the removal was begun
     * (before the server started) is noted and newer than the cut-off, and stays; a second's margin covers
     * file systems whose clocks tick coarsely.
     */
    private void startLeftoverBlobRemoval(Archive.LeftoverRemoval removal) {
        leftoverBlobRemoval = Thread.ofPlatform().daemon().name("mappe-blob-leftovers").start(() -> {
            try {
                BlobStore.Leftovers removed = removal.run();
                if (removed.total() > 0) {
                    LOG.info("Removed {} unreadable blob files and {} temporary files left by an interrupted write or shred",
                            removed.orphans(), removed.temporaryFiles());
                }
            } catch (RuntimeException e) {
                LOG.warn("Removing blob files left by an interrupted write or shred failed; the next start tries again", e);
            }
        });
    }

    /**
     * Behind a load balancer: {@code /ready} says "stopping" for {@code MAPPE_DRAIN_SECONDS} while every request is still
     * answered, so the balancer sends the next ones elsewhere before this node stops taking connections. A rolling
     * restart then fails no request.
     */
    private void drain() {
        if (config.drain().isZero()) {
            return;
        }
        readiness.stopping();
        LOG.info("Stopping: /ready says so for {} s while requests are still answered", config.drain().toSeconds());
        try {
            Thread.sleep(config.drain().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the removal of what a crash left is still walking the blob files (tests wait for it). */
    public boolean removingLeftoverBlobs() {
        return leftoverBlobRemoval != null && leftoverBlobRemoval.isAlive();
    }

    /**
     * An index made with an older text analysis finds less than it should (an upgrade changed how words
     * are indexed): it is rebuilt in place in the background, while searches keep working on the old entries.
     */
    private void reanalyseIfOlder() {
        if (!index.analysedWithOlderVersion()) {
            return;
        }
        LOG.info("The search index was made with an older text analysis; rebuilding it in the background");
        Thread rebuild = new Thread(() -> {
            try {
                indexer.rebuild((done, total) -> { });
                LOG.info("The search index was rebuilt with the current text analysis");
            } catch (RuntimeException e) {
                LOG.error("Rebuilding the search index with the current text analysis failed; run 'mappe reindex'", e);
            }
        }, "mappe-reanalysis");
        rebuild.setDaemon(true);
        rebuild.start();
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
                indexer.rebuild((done, total) -> { });
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

    /** The master key if one exists for this configuration, without ever creating one (for read-only tools). */
    public static Optional<MasterKey> existingMasterKey(Config config) {
        return MasterKeys.existing(config).map(MasterKeys.Loaded::key);
    }

    /**
     * For read-only tools: refuses (with {@link StartupRefused}) a master key that does not fit the
     * database, as the service does at start; returns whether there was a key to check.
     */
    public static boolean checkExistingMasterKey(Config config, Database database) {
        Optional<MasterKeys.Loaded> loaded = MasterKeys.existing(config);
        loaded.ifPresent(key -> KeyCheck.verify(database, key.key(), key.source()));
        return loaded.isPresent();
    }

    /**
     * Personal fields written by versions that stored them in the clear are encrypted in one
     * transaction, then the file is rebuilt so the plaintext is in no free page and no WAL frame.
     */
    private static void encryptStoredPlaintext(Database database, Directory directory, Participants participants,
                                               ProfileService profiles, FieldCipher signingCipher) {
        int encrypted = database.write(connection -> directory.encryptStoredPlaintext(connection)
                + participants.encryptStoredPlaintext(connection)
                + profiles.encryptStoredPlaintext(connection)
                + PlaintextColumns.encrypt(connection, signingCipher, "signatures", "signer_name"));
        if (encrypted > 0) {
            LOG.info("Encrypted {} personal field(s) stored in the clear by an earlier version; compacting the database", encrypted);
            database.compact();
        }
    }

    /** The data directory and the directories in it that hold data: only the service's user may open them. */
    private static void createPrivateDirectories(Path dataDir) {
        for (Path directory : List.of(dataDir, dataDir.resolve("index"), dataDir.resolve("blobs"))) {
            try {
                OwnerOnly.directory(directory);
            } catch (IOException e) {
                throw new StartupRefused("Cannot create the directory " + directory + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Versions before this one created the database, its directories and the demo keys readable by
     * everyone on the machine: what Mappe itself made in the data directory is narrowed to its user.
     * The operator's own key file is theirs to fix; {@code mappe verify} warns about it.
     */
    private static void narrowPermissions(Config config) {
        for (Path path : DataPermissions.ownPaths(config)) {
            OwnerOnly.narrow(path).ifPresent(before -> LOG.warn("Narrowed the permissions of {} from {} to its owner only", path, before));
        }
        MasterKeys.existingFile(config).flatMap(OwnerOnly::wider).ifPresent(permissions -> LOG.warn(
                "The master key file is readable by others ({}); make it readable by Mappe's user only (chmod 600)", permissions));
    }
}
