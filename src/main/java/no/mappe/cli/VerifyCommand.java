package no.mappe.cli;

import java.util.concurrent.Callable;
import no.mappe.audit.AuditLog;
import no.mappe.audit.AuditVerification;
import no.mappe.config.Config;
import no.mappe.db.Database;
import picocli.CommandLine.Command;

/**
 * Checks the audit log's hash chain; exits 1 and names the first broken entry when it is not
 * intact. Reads the database only, so it can run while the service is up.
 */
@Command(name = "verify", description = "Verify the audit log's hash chain.")
final class VerifyCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Config config = Config.fromEnvironment();
        if (!java.nio.file.Files.isRegularFile(config.dataDir().resolve("mappe.db"))) {
            System.err.println("mappe: there is no Mappe database in " + config.dataDir() + "; set MAPPE_DATA_DIR");
            return 2;
        }
        try (Database database = Database.open(config.dataDir().resolve("mappe.db"))) {
            AuditVerification result = AuditLog.verify(database);
            if (result.intact()) {
                System.out.println("Audit log intact: " + result.entriesChecked() + " entries checked.");
                return 0;
            }
            System.out.println("Audit log BROKEN at entry " + result.brokenAt() + ": " + result.problem());
            return 1;
        }
    }
}
