package no.mappe.cli;

import java.util.concurrent.Callable;
import no.mappe.app.App;
import no.mappe.config.Config;
import no.mappe.retention.SweepReport;
import no.mappe.security.Caller;
import no.mappe.security.Organisation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs a retention sweep for every organisation now, as the nightly schedule would. */
@Command(name = "sweep", description = "Run the retention sweep now for every organisation (stop the service first).")
final class SweepCommand implements Callable<Integer> {

    @Option(names = "--dry-run", description = "List what would be shredded without changing anything.")
    boolean dryRun;

    @Override
    public Integer call() {
        try (App app = App.buildForMaintenance(Config.fromEnvironment())) {
            for (Organisation organisation : app.directory().organisations()) {
                SweepReport report = app.sweeps().sweep(Caller.scheduler(organisation.id()), dryRun);
                System.out.printf("%s: %d documents evaluated, %d due, %d shredded%s%n", organisation.name(),
                        report.documentsEvaluated(), report.due(), report.shredded(), dryRun ? " (dry run)" : "");
                report.items().forEach(item -> System.out.printf("  %s %s %s (%s, due %s)%n", item.outcome(), item.documentType(),
                        item.documentId(), item.retentionClass(), item.dueDate()));
            }
        }
        return 0;
    }
}
