package no.mappe.cli;

import java.util.concurrent.Callable;
import no.mappe.app.App;
import no.mappe.config.Config;
import no.mappe.retention.SweepItem;
import no.mappe.retention.SweepReport;
import no.mappe.retention.SweepService;
import no.mappe.security.Caller;
import no.mappe.security.Organisation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs a retention sweep for every organisation now, as the nightly schedule would, with progress on the terminal. */
@Command(name = "sweep", description = "Run the retention sweep now for every organisation (stop the service first). A sweep that"
        + " was interrupted is finished first.")
final class SweepCommand implements Callable<Integer> {

    @Option(names = "--dry-run", description = "Only make the disposal list (kassasjonsliste); change nothing.")
    boolean dryRun;

    @Option(names = "--list", description = "Print every item of the disposal list, not only the totals.")
    boolean list;

    @Override
    public Integer call() {
        try (App app = App.buildForMaintenance(Config.fromEnvironment())) {
            for (Organisation organisation : app.directory().organisations()) {
                System.out.println(organisation.name() + ":");
                ProgressBar bar = new ProgressBar(System.out);
                SweepService.Progress progress = (phase, done, total) -> bar.show(phase, done, total);
                Caller scheduler = Caller.scheduler(organisation.id());
                SweepReport report = app.sweeps().sweep(scheduler, dryRun, progress);
                bar.done();
                String outcomes = report.outcomes().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                        .map(entry -> entry.getValue() + " " + entry.getKey()).collect(java.util.stream.Collectors.joining(", "));
                System.out.printf("  %d documents evaluated, %d due%s%s%n", report.documentsEvaluated(), report.due(),
                        outcomes.isEmpty() ? "" : ": " + outcomes, dryRun ? " (dry run)" : "");
                if (report.awaitingApproval() > 0) {
                    System.out.printf("  %d documents wait for the leader's approval of list %s%n", report.awaitingApproval(),
                            report.sweepId());
                }
                if (report.certificateDocumentId() != null) {
                    System.out.printf("  disposal certificate: document %s%n", report.certificateDocumentId());
                }
                if (list) {
                    int pageSize = 10_000;
                    for (int offset = 0; offset < report.itemsTotal(); offset += pageSize) {
                        for (SweepItem item : app.sweeps().items(scheduler, report.sweepId(), offset, pageSize)) {
                            System.out.printf("  %s %s %s (%s, due %s)%n", item.outcome(), item.documentType(), item.documentId(),
                                    item.retentionClass(), item.dueDate());
                        }
                    }
                }
            }
            app.backupJobs().refreshKeys(); // what was shredded goes from the keys files of the backups too
        }
        return 0;
    }
}
