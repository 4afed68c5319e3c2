package no.mappe.cli;

import java.util.concurrent.Callable;
import no.mappe.app.App;
import no.mappe.audit.AuditVerification;
import no.mappe.config.Config;
import picocli.CommandLine.Command;

/** Checks the audit log's hash chain; exits 1 and names the first broken entry when it is not intact. */
@Command(name = "verify", description = "Verify the audit log's hash chain.")
final class VerifyCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        try (App app = App.build(Config.fromEnvironment())) {
            AuditVerification result = app.audit().verify();
            if (result.intact()) {
                System.out.println("Audit log intact: " + result.entriesChecked() + " entries checked.");
                return 0;
            }
            System.out.println("Audit log BROKEN at entry " + result.brokenAt() + ": " + result.problem());
            return 1;
        }
    }
}
