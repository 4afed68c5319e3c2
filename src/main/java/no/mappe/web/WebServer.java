package no.mappe.web;

import io.javalin.Javalin;
import jakarta.servlet.DispatcherType;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.time.Duration;
import java.net.URI;
import java.util.EnumSet;
import java.util.Optional;
import no.mappe.archive.AccessRequestExport;
import no.mappe.archive.AuditTrail;
import no.mappe.archive.CaseOverviews;
import no.mappe.archive.Dispatches;
import no.mappe.archive.DocumentService;
import no.mappe.archive.LeaderOverview;
import no.mappe.archive.Uploads;
import no.mappe.cases.CaseService;
import no.mappe.complaints.ComplaintRegister;
import no.mappe.cases.StaffFolders;
import no.mappe.errors.MappeException;
import no.mappe.imports.ImportJobs;
import no.mappe.minutes.MinutesBook;
import no.mappe.ops.Metrics;
import no.mappe.ops.Readiness;
import no.mappe.ops.ScrapeToken;
import no.mappe.people.Organisations;
import no.mappe.people.People;
import no.mappe.people.SetupTokens;
import no.mappe.retention.HoldService;
import no.mappe.retention.PolicyChanges;
import no.mappe.retention.ReviewDecisions;
import no.mappe.retention.Statistics;
import no.mappe.retention.SweepService;
import no.mappe.search.SearchService;
import no.mappe.security.Account;
import no.mappe.security.Authenticator;
import no.mappe.security.Directory;
import no.mappe.security.OperatorToken;
import no.mappe.security.ProfileService;
import no.mappe.security.SecondFactors;
import no.mappe.security.Sessions;
import no.mappe.security.TimeZones;
import no.mappe.signing.SignatureService;
import no.mappe.sso.SignInProviders;
import no.mappe.sso.SingleSignOn;
import no.mappe.templates.TemplateCatalogue;
import no.mappe.templates.TemplateTexts;
import no.mappe.templates.TemplateVersions;
import no.mappe.templates.WelcomeFolderPreview;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * The HTTP API: routes to thin controllers, the session and CSRF filter, security headers, and the
 * single mapping of exceptions to problem+json. Returns an unstarted Javalin.
 */
public final class WebServer {

    /** The largest body: an uploaded file. JSON bodies have their own, smaller limit ({@link Requests#MAX_JSON_BYTES}). */
    private static final long MAX_REQUEST_BYTES = 51L * 1024 * 1024;
    /**
     * How long a stop waits for running requests to finish (a generation, an upload being read)
     * before it closes their connections. New connections are refused from the start of the stop.
     */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private WebServer() {
    }

    /** The services the API exposes. */
    public record Services(Authenticator authenticator, Sessions sessions, Directory directory, ProfileService profiles,
                           TemplateCatalogue catalogue, TemplateVersions templateVersions, CaseService cases, DocumentService documents,
                           SignatureService signatures, AccessRequestExport exports, Uploads uploads, SearchService search,
                           SweepService sweeps, HoldService holds, PolicyChanges policyChanges,
                           Statistics statistics, ReviewDecisions.Decider reviews, CaseOverviews overviews, AuditTrail trails,
                           SignInProviders signInProviders, SingleSignOn singleSignOn, SecondFactors secondFactors, Account account,
                           People people, Organisations organisations, SetupTokens setupTokens, Optional<OperatorToken> operatorToken,
                           Leader leader, Dispatches dispatches, ComplaintRegister complaints,
                           StaffFolders staffFolders, MinutesBook minutes, TimeZones timeZones, ImportJobs imports) {
    }

    /** Slice "leader": the overview across counsellors, the welcome folder preview of an unsaved profile, the template text editor. */
    public record Leader(LeaderOverview overview, WelcomeFolderPreview welcomeFolder, TemplateTexts templateTexts) {
    }

    /** What the operator sees: readiness, metrics and the token that guards them. */
    public record Operations(Readiness readiness, Metrics metrics, Optional<ScrapeToken> metricsToken) {
    }

    public static Javalin create(Services services, boolean secureCookies, Operations operations, Optional<URI> publicUrl) {
        SessionFilter sessionFilter = new SessionFilter(services.sessions(), services.secondFactors(), secureCookies);
        AuthController auth = new AuthController(services.authenticator(), services.secondFactors(), services.directory(), sessionFilter);
        AccountController account = new AccountController(services.account(), sessionFilter);
        SecondFactorController secondFactor = new SecondFactorController(services.secondFactors(), sessionFilter);
        TemplateController templates = new TemplateController(services.catalogue(), services.templateVersions());
        ProfileController profile = new ProfileController(services.profiles(), services.leader().welcomeFolder());
        CaseController cases = new CaseController(services.cases(), services.documents(), services.exports(), services.uploads(),
                services.trails());
        DocumentController documents = new DocumentController(services.documents(), services.signatures());
        SearchController search = new SearchController(services.search());
        ImportController imports = new ImportController(services.imports());
        RetentionController retention = new RetentionController(services.sweeps(), services.holds(), services.policyChanges(),
                services.statistics(), services.reviews());
        SystemController system = new SystemController(operations.readiness(), operations.metrics(), operations.metricsToken());
        RequestLog requestLog = new RequestLog(operations.metrics());
        PageRenderer renderer = new PageRenderer(services.directory(), services.timeZones(), secureCookies);
        OrganisationPages organisationPages = new OrganisationPages(renderer, services.timeZones());
        PageFilter pageFilter = new PageFilter(services.sessions(), services.secondFactors());
        ErrorPages errorPages = new ErrorPages(renderer);
        LoginPages loginPages = new LoginPages(services.authenticator(), services.secondFactors(), services.directory(), sessionFilter,
                renderer, secureCookies, services.signInProviders());
        AccountPages accountPages = new AccountPages(services.account(), services.secondFactors(), sessionFilter, renderer);
        SsoPages ssoPages = new SsoPages(services.singleSignOn(), sessionFilter, renderer, secureCookies, publicUrl);
        SignInSettingsController signInSettings = new SignInSettingsController(services.signInProviders(), ssoPages);
        SignInSettingsPages signInSettingsPages = new SignInSettingsPages(services.signInProviders(), ssoPages, renderer);
        CasePages casePages = new CasePages(services.cases(), services.documents(), services.directory(), services.uploads(),
                services.overviews(), services.trails(), services.catalogue(), renderer);
        DocumentPages documentPages = new DocumentPages(services.documents(), services.signatures(), services.catalogue(), renderer);
        SearchPages searchPages = new SearchPages(services.search(), services.catalogue(), services.directory(), renderer);
        RetentionPages retentionPages = new RetentionPages(services.sweeps(), services.holds(), services.reviews(),
                services.documents(), renderer);
        StatisticsPages statisticsPages = new StatisticsPages(services.statistics(), services.documents(), renderer);
        TemplatePages templatePages = new TemplatePages(services.catalogue(), services.templateVersions(), services.directory(), renderer);
        SetupLinks setupLinks = new SetupLinks(publicUrl);
        PeopleController people = new PeopleController(services.people(), services.cases(), setupLinks);
        OperatorController operator = new OperatorController(services.organisations(), services.operatorToken(), setupLinks);
        SetupPages setupPages = new SetupPages(services.setupTokens(), renderer);
        PeoplePages peoplePages = new PeoplePages(services.people(), setupLinks, renderer);
        // docs slice
        DraftPages draftPages = new DraftPages(services.documents(), services.catalogue(), renderer);
        DispatchPages dispatchPages = new DispatchPages(services.dispatches(), renderer);
        DispatchController dispatches = new DispatchController(services.dispatches());
        ComplaintController complaintApi = new ComplaintController(services.complaints());
        ComplaintPages complaintPages = new ComplaintPages(services.complaints(), services.cases(), services.directory(), renderer);
        Assets assets = new Assets();
        OverviewPages overviewPages = new OverviewPages(services.leader().overview(), renderer);
        ProfilePages profilePages = new ProfilePages(services.profiles(), services.leader().welcomeFolder(), renderer);
        TemplateTextPages templateTextPages = new TemplateTextPages(services.leader().templateTexts(), services.catalogue(), renderer);
        StaffController staff = new StaffController(services.staffFolders(), services.documents());
        MinutesController minutes = new MinutesController(services.minutes());
        MinutesPages minutesPages = new MinutesPages(services.minutes(), services.catalogue(), renderer);
        StaffPages staffPages = new StaffPages(services.staffFolders(), services.documents(), services.catalogue(), renderer);

        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.http.prefer405over404 = true;
            config.jsonMapper(new JavalinJackson(Json.mapper(), false));
            config.jetty.modifyServletContextHandler(handler ->
                    handler.addFilter(new FilterHolder(new NfcForms()), "/*", EnumSet.of(DispatcherType.REQUEST)));
            // A graceful stop: refuse new connections, let running requests finish (up to STOP_TIMEOUT), then close.
            config.jetty.modifyServer(server -> {
                server.setStopTimeout(STOP_TIMEOUT.toMillis());
                server.insertHandler(new GracefulHandler());
            });
            config.requestLogger.http(requestLog::answered);

            var state = config.unsafe;
            config.routes.before(ctx -> RequestLog.noteRoute(state.internalRouter, ctx));
            config.routes.before(ctx -> {
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("Referrer-Policy", "no-referrer");
                ctx.header("X-Frame-Options", "DENY");
                ctx.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
            });
            config.routes.before("/api/*", sessionFilter::handle);
            config.routes.before(SessionFilter.OPERATOR + "*", operator::authenticate);
            config.routes.before(pageFilter::handle);

            config.routes.get("/assets/{name}", assets::serve);
            config.routes.get("/", casePages::home);
            config.routes.get("/login", loginPages::form);
            config.routes.post("/login", loginPages::login);
            config.routes.post("/logout", loginPages::logout);
            config.routes.post("/language", loginPages::language);
            config.routes.get("/login/sso/{organisationId}", ssoPages::start);
            config.routes.get("/login/sso/{organisationId}/callback", ssoPages::callback);
            config.routes.get("/login/second-factor", accountPages::secondFactorForm);
            config.routes.post("/login/second-factor", accountPages::secondFactor);
            config.routes.get("/account", accountPages::show);
            config.routes.post("/account/password", accountPages::changePassword);
            config.routes.post("/account/sessions/end-all", accountPages::endAll);
            config.routes.post("/account/sessions/{sessionId}/end", accountPages::endSession);
            config.routes.get("/account/second-factor", accountPages::enrolForm);
            config.routes.post("/account/second-factor", accountPages::enrol);
            config.routes.post("/account/second-factor/recovery-codes", accountPages::newRecoveryCodes);
            config.routes.post("/account/second-factor/remove", accountPages::removeSecondFactor);
            config.routes.get("/setup/{token}", setupPages::form);
            config.routes.post("/setup/{token}", setupPages::submit);
            config.routes.get("/people", peoplePages::list);
            config.routes.post("/people", peoplePages::add);
            config.routes.post("/people/{userId}/role", peoplePages::changeRole);
            config.routes.post("/people/{userId}/deactivate", peoplePages::deactivate);
            config.routes.post("/people/{userId}/reactivate", peoplePages::reactivate);
            config.routes.post("/people/{userId}/unlock", peoplePages::unlock);
            config.routes.post("/people/{userId}/reset", peoplePages::reset);
            config.routes.get("/cases", casePages::list);
            config.routes.get("/cases/new", casePages::newCase);
            config.routes.post("/cases/new", casePages::openCase);
            config.routes.get("/cases/{caseId}", casePages::show);
            config.routes.post("/cases/{caseId}/events", casePages::recordEvent);
            config.routes.post("/cases/{caseId}/events/{eventId}/void", casePages::voidEvent);
            config.routes.get("/cases/{caseId}/edit", casePages::editCase);
            config.routes.post("/cases/{caseId}/edit", casePages::saveCase);
            config.routes.get("/cases/{caseId}/transfer", casePages::transferForm);
            config.routes.post("/cases/{caseId}/transfer", casePages::transfer);
            config.routes.get("/cases/{caseId}/audit", casePages::audit);
            config.routes.post("/cases/{caseId}/counsellor", casePages::reassign);
            config.routes.post("/documents/{documentId}/access-level", documentPages::changeAccessLevel);
            config.routes.post("/cases/{caseId}/uploads", casePages::upload);
            config.routes.get("/cases/{caseId}/new/{templateId}", casePages::newDocument);
            config.routes.get("/minutes", minutesPages::list);
            config.routes.get("/minutes/new", minutesPages::newMinutes);
            config.routes.post("/minutes/new", minutesPages::write);
            config.routes.post("/cases/{caseId}/new/{templateId}", casePages::create);
            config.routes.get("/documents/{documentId}", documentPages::show);
            config.routes.get("/documents/{documentId}/sign", documentPages::signForm);
            config.routes.post("/documents/{documentId}/sign", documentPages::sign);
            config.routes.post("/documents/{documentId}/scan", documentPages::scan);
            config.routes.post("/documents/{documentId}/addendum", documentPages::addendum);
            config.routes.get("/search", searchPages::form);
            config.routes.post("/search", searchPages::search);
            config.routes.get("/retention", retentionPages::overview);
            config.routes.post("/retention/sweeps", retentionPages::sweep);
            config.routes.get("/retention/sweeps/{sweepId}", retentionPages::list);
            config.routes.post("/retention/sweeps/{sweepId}/decision", retentionPages::decide);
            config.routes.post("/documents/{documentId}/review", retentionPages::review);
            config.routes.post("/holds", retentionPages::placeHold);
            config.routes.post("/holds/{holdId}/lift", retentionPages::liftHold);
            config.routes.get("/templates", templatePages::list);
            config.routes.get("/templates/{templateId}", templatePages::show);
            config.routes.post("/templates/{templateId}", templatePages::upload);
            config.routes.get("/organisation/sign-in", signInSettingsPages::show);
            config.routes.post("/organisation/sign-in", signInSettingsPages::save);
            config.routes.post("/organisation/sign-in/remove", signInSettingsPages::remove);
            config.routes.get("/statistics", statisticsPages::show);
            config.routes.get("/statistics/{year}/csv", statisticsPages::csv);
            config.routes.get("/statistics/{year}/xlsx", statisticsPages::xlsx);
            // Slice "leader": the overview across counsellors, the organisation profile editor, the template text editor.
            config.routes.get("/overview", overviewPages::show);
            config.routes.get("/organisation", organisationPages::show);
            config.routes.post("/organisation/time-zone", organisationPages::saveTimeZone);
            config.routes.get("/organisation/profile", profilePages::show);
            config.routes.post("/organisation/profile", profilePages::save);
            config.routes.get("/templates/{templateId}/texts", templateTextPages::show);
            config.routes.post("/templates/{templateId}/texts", templateTextPages::save);
            // docs slice: edit and delete a draft, mark sent and received, share a draft, innsyn export
            config.routes.get("/documents/{documentId}/edit", draftPages::editForm);
            config.routes.post("/documents/{documentId}/edit", draftPages::edit);
            config.routes.get("/documents/{documentId}/delete", draftPages::delete);
            config.routes.post("/documents/{documentId}/delete", draftPages::delete);
            config.routes.post("/documents/{documentId}/dispatches", dispatchPages::markSent);
            config.routes.post("/documents/{documentId}/dispatches/{dispatchId}/received", dispatchPages::markReceived);
            config.routes.get("/cases/{caseId}/export", cases::export); // the same ZIP as the API, audited the same way
            // complaints slice: the complaint register's pages.
            config.routes.get("/complaints", complaintPages::list);
            config.routes.get("/complaints/new", complaintPages::newForm);
            config.routes.post("/complaints/new", complaintPages::register);
            config.routes.get("/complaints/{complaintId}", complaintPages::show);
            config.routes.post("/complaints/{complaintId}/answer", complaintPages::answer);
            config.routes.post("/complaints/{complaintId}/handler", complaintPages::handOver);
            // records slice: staff folders (the leader's cabinet)
            config.routes.get("/staff", staffPages::list);
            config.routes.post("/staff", staffPages::open);
            config.routes.get("/staff/{folderId}", staffPages::show);
            config.routes.post("/staff/{folderId}/left", staffPages::left);

            config.routes.get("/health", system::health);
            config.routes.get("/ready", system::ready);
            config.routes.get("/metrics", system::metrics);
            config.routes.get("/openapi.yaml", system::openApi);

            config.routes.post("/api/login", auth::login);
            config.routes.post("/api/logout", auth::logout);
            config.routes.get("/api/me", auth::me);
            config.routes.post("/api/login/second-factor", auth::secondFactor);
            config.routes.get("/api/me/sessions", account::sessions);
            config.routes.post("/api/me/sessions/end-all", account::endAll);
            config.routes.delete("/api/me/sessions/{sessionId}", account::endSession);
            config.routes.post("/api/me/password", account::changePassword);
            config.routes.get("/api/me/second-factor", secondFactor::status);
            config.routes.post("/api/me/second-factor", secondFactor::begin);
            config.routes.delete("/api/me/second-factor", secondFactor::remove);
            config.routes.post("/api/me/second-factor/confirm", secondFactor::confirm);
            config.routes.post("/api/me/second-factor/recovery-codes", secondFactor::newRecoveryCodes);
            config.routes.post("/api/people/{personId}/second-factor/reset", secondFactor::reset);
            config.routes.get("/api/templates", templates::list);
            config.routes.get("/api/templates/{templateId}", templates::get);
            config.routes.get("/api/templates/{templateId}/versions", templates::versions);
            config.routes.post("/api/templates/{templateId}/versions", templates::upload);
            config.routes.get("/api/organisation/profile", profile::get);
            config.routes.get("/api/organisation/time-zone", organisationPages::getTimeZone);
            config.routes.put("/api/organisation/time-zone", organisationPages::putTimeZone);
            config.routes.put("/api/organisation/profile", profile::update);
            config.routes.get("/api/organisation/sign-in", signInSettings::get);
            config.routes.put("/api/organisation/sign-in", signInSettings::put);
            config.routes.delete("/api/organisation/sign-in", signInSettings::delete);
            config.routes.get("/api/cases", cases::list);
            config.routes.post("/api/cases", cases::open);
            config.routes.get("/api/cases/{caseId}", cases::get);
            config.routes.put("/api/cases/{caseId}", cases::update);
            config.routes.post("/api/cases/{caseId}/transfer", cases::transfer);
            config.routes.post("/api/cases/{caseId}/events", cases::recordEvent);
            config.routes.get("/api/cases/{caseId}/events", cases::events);
            config.routes.post("/api/cases/{caseId}/events/{eventId}/void", cases::voidEvent);
            config.routes.post("/api/cases/{caseId}/counsellor", cases::reassign);
            config.routes.get("/api/audit", cases::auditTrail);
            config.routes.get("/api/cases/{caseId}/export", cases::export);
            config.routes.post("/api/cases/{caseId}/uploads", cases::upload);
            config.routes.get("/api/documents/{documentId}/content", documents::latestContent);
            config.routes.get("/api/documents/{documentId}/versions/{version}/content", documents::versionContent);
            config.routes.get("/api/cases/{caseId}/documents", cases::documents);
            config.routes.post("/api/cases/{caseId}/documents", cases::generate);
            config.routes.get("/api/cases/{caseId}/templates/{templateId}/prefill", cases::prefill);
            config.routes.get("/api/documents/{documentId}", documents::get);
            config.routes.put("/api/documents/{documentId}/access-level", documents::changeAccessLevel);
            config.routes.get("/api/documents/{documentId}/pdf", documents::latestPdf);
            config.routes.get("/api/documents/{documentId}/versions/{version}/pdf", documents::versionPdf);
            config.routes.get("/api/documents/{documentId}/docx", documents::latestDocx);
            config.routes.get("/api/documents/{documentId}/signatures", documents::signatures);
            config.routes.post("/api/documents/{documentId}/signatures", documents::sign);
            config.routes.post("/api/documents/{documentId}/scans", documents::uploadScan);
            config.routes.post("/api/documents/{documentId}/addendum", documents::addAddendum);
            config.routes.get("/api/documents/{documentId}/verification", documents::verify);
            config.routes.put("/api/documents/{documentId}/versions/{version}", documents::changeVersion);
            config.routes.put("/api/documents/{documentId}/versions/{version}/pdf", documents::changeVersion);
            config.routes.get("/api/documents/{documentId}/versions/{version}/docx", documents::versionDocx);
            config.routes.get("/api/search", search::search);
            config.routes.post("/api/imports", imports::start);
            config.routes.get("/api/imports/{jobId}", imports::get);
            config.routes.post("/api/retention/sweeps", retention::sweep);
            config.routes.get("/api/retention/sweeps", retention::sweeps);
            config.routes.get("/api/retention/sweeps/{sweepId}", retention::getSweep);
            config.routes.get("/api/retention/sweeps/{sweepId}/items", retention::items);
            config.routes.post("/api/retention/sweeps/{sweepId}/decision", retention::decide);
            config.routes.get("/api/retention/disposals", retention::disposals);
            config.routes.get("/api/retention/policy", retention::policy);
            config.routes.post("/api/retention/policy/preview", retention::previewPolicy);
            config.routes.post("/api/documents/{documentId}/retention-review", retention::review);
            config.routes.get("/api/holds", retention::holds);
            config.routes.post("/api/holds", retention::placeHold);
            config.routes.post("/api/holds/{holdId}/lift", retention::liftHold);
            config.routes.get("/api/statistics", retention::statistics);
            config.routes.get("/api/people", people::list);
            config.routes.post("/api/people", people::add);
            config.routes.get("/api/people/{userId}", people::get);
            config.routes.put("/api/people/{userId}/role", people::changeRole);
            config.routes.post("/api/people/{userId}/deactivate", people::deactivate);
            config.routes.post("/api/people/{userId}/reactivate", people::reactivate);
            config.routes.post("/api/people/{userId}/unlock", people::unlock);
            config.routes.post("/api/people/{userId}/reset", people::reset);
            config.routes.get("/api/operator/organisations", operator::list);
            config.routes.post("/api/operator/organisations", operator::create);
            // Slice "leader": the overview across counsellors, the welcome folder preview of an unsaved profile, template texts.
            config.routes.get("/api/overview", overviewPages::json);
            config.routes.post("/api/organisation/profile/preview", profile::preview);
            config.routes.get("/api/templates/{templateId}/texts", templateTextPages::json);
            config.routes.post("/api/templates/{templateId}/texts", templateTextPages::saveJson);
            config.routes.post("/api/templates/{templateId}/texts/preview", templateTextPages::previewJson);
            // docs slice: edit and delete a draft, mark sent and received, share a draft
            config.routes.post("/api/documents/{documentId}/versions", documents::revise);
            config.routes.delete("/api/documents/{documentId}", documents::deleteDraft);
            config.routes.get("/api/documents/{documentId}/draft-pdf", documents::draftPdf);
            config.routes.get("/api/documents/{documentId}/dispatches", dispatches::list);
            config.routes.post("/api/documents/{documentId}/dispatches", dispatches::markSent);
            config.routes.post("/api/documents/{documentId}/dispatches/{dispatchId}/received", dispatches::markReceived);
            // complaints slice: the complaint register.
            config.routes.get("/api/complaints", complaintApi::list);
            config.routes.post("/api/complaints", complaintApi::register);
            config.routes.get("/api/complaints/{complaintId}", complaintApi::get);
            config.routes.post("/api/complaints/{complaintId}/answer", complaintApi::answer);
            config.routes.post("/api/complaints/{complaintId}/handler", complaintApi::handOver);
            // records slice: staff folders (the leader's cabinet)
            config.routes.get("/api/staff-folders", staff::list);
            config.routes.post("/api/staff-folders", staff::open);
            config.routes.get("/api/staff-folders/{folderId}", staff::show);
            config.routes.post("/api/staff-folders/{folderId}/left", staff::left);
            config.routes.post("/api/minutes/check", minutes::check);
            config.routes.get("/api/minutes", minutes::list);
            config.routes.post("/api/minutes", minutes::write);

            // Pages answer errors with pages, the API with problems; both take the status from Problems.statusOf.
            config.routes.exception(MappeException.class, (e, ctx) -> {
                if (PageFilter.isPage(ctx.path())) {
                    errorPages.exception(e, ctx);
                } else {
                    Problems.handle(e, ctx);
                }
            });
            config.routes.exception(HttpResponseException.class, Problems::handleHttp);
            config.routes.exception(Exception.class, (e, ctx) -> {
                if (PageFilter.isPage(ctx.path())) {
                    errorPages.unexpected(e, ctx);
                } else {
                    Problems.handleUnexpected(e, ctx);
                }
            });
            config.routes.error(404, ctx -> {
                if (PageFilter.isPage(ctx.path())) {
                    errorPages.notFound(ctx);
                } else {
                    Problems.notFound(ctx);
                }
            });
            config.routes.error(405, Problems::methodNotAllowed);
        });
    }
}
