package no.mappe.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import no.mappe.app.App;
import no.mappe.config.Config;
import no.mappe.errors.MaintenanceRefused;
import no.mappe.imports.CaseMap;
import no.mappe.imports.FileSource;
import no.mappe.imports.ImportReport;
import no.mappe.security.Caller;
import no.mappe.security.Organisation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mappe import DIR --case-map FILE}: an organisation's existing archive into Mappe, resumable, with a report. */
@Command(name = "import", description = "Import an organisation's existing archive: every file the case map (CSV) names, from DIR,"
        + " stored as an upload to its case (stop the service first). Files already imported are skipped, so an interrupted"
        + " import is finished by running it again. Writes a report (CSV) of what was imported, skipped and failed, and why.")
final class ImportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "The directory holding the files; the case map's paths are relative to it.")
    Path dir;

    @Option(names = "--case-map", required = true, paramLabel = "FILE",
            description = "CSV with a header row: file;case (or reference);type;date;access level (see README).")
    Path caseMap;

    @Option(names = "--organisation", paramLabel = "ORG", description = "The organisation's id or name (needed when there are several).")
    String organisation;

    @Option(names = "--workers", description = "Files read at the same time (default: ${DEFAULT-VALUE}).", defaultValue = "4")
    int workers;

    @Option(names = "--report", paramLabel = "FILE", description = "Where to write the report (default: beside the case map).")
    Path report;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new MaintenanceRefused("No directory " + dir + ": give the directory that holds the files to import.");
        }
        if (!Files.isRegularFile(caseMap)) {
            throw new MaintenanceRefused("No case map " + caseMap + ": give the CSV that names the files (--case-map FILE).");
        }
        CaseMap map = CaseMap.parse(Files.readAllBytes(caseMap));
        try (App app = App.buildForMaintenance(Config.fromEnvironment())) {
            Organisation chosen = organisation(app.directory().organisations());
            System.out.println("Importing " + map.rows().size() + " files into " + chosen.name() + ":");
            ProgressBar bar = new ProgressBar(System.out);
            ImportReport result = app.bulkImport().run(Caller.importer(chosen.id()), FileSource.directory(dir), map, workers,
                    (done, total, imported, skipped, failed) -> bar.showRate("importing", done, total, "files"));
            bar.done();
            Path reportFile = report != null ? report : caseMap.toAbsolutePath().resolveSibling(reportName());
            Files.write(reportFile, result.csv(chosen.language()));
            System.out.printf("%d imported, %d skipped (already imported), %d failed, in %.1f s (%.1f files/s).%n", result.imported(),
                    result.skipped(), result.failed(), result.took().toMillis() / 1000.0, result.filesPerSecond());
            result.lines().stream().filter(line -> line.outcome() == ImportReport.Outcome.FAILED).limit(50)
                    .forEach(line -> System.out.printf("  line %d: %s: %s [%s]%n", line.line(), line.file(), line.explanation(),
                            line.code()));
            if (result.failed() > 50) {
                System.out.println("  ... and " + (result.failed() - 50) + " more.");
            }
            System.out.println("Report: " + reportFile);
            return result.failed() == 0 ? 0 : 1;
        }
    }

    private Organisation organisation(List<Organisation> organisations) {
        if (organisation == null) {
            if (organisations.size() == 1) {
                return organisations.get(0);
            }
            throw new MaintenanceRefused("There are " + organisations.size() + " organisations; say which with --organisation (its id"
                    + " or name).");
        }
        return organisations.stream().filter(o -> o.id().equals(organisation) || o.name().equalsIgnoreCase(organisation)).findFirst()
                .orElseThrow(() -> new MaintenanceRefused("No organisation " + organisation + "; give its id or its name."));
    }

    private String reportName() {
        String name = caseMap.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        return name + "-report-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".csv";
    }
}
