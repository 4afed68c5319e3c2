package no.mappe.cli;

import java.util.concurrent.Callable;
import no.mappe.app.App;
import no.mappe.config.Config;
import no.mappe.people.People;
import no.mappe.security.User;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code mappe user reset|unlock USERNAME}: the operator's way back in when no leader can help
 * (the only leader forgot their password or is locked out). Day-to-day staff changes are the
 * leader's, on the People page. Run with the service stopped.
 */
@Command(name = "user", description = "Give a person a new one-time password link, or lift their lockout (service stopped).",
        subcommands = {UserCommand.Reset.class, UserCommand.Unlock.class})
final class UserCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("mappe: say 'user reset USERNAME' or 'user unlock USERNAME'");
        return 64;
    }

    @Command(name = "reset", description = "A new one-time link to set the password; the old password and every session end.")
    static final class Reset implements Callable<Integer> {

        @Parameters(index = "0", description = "The person's username or e-mail address.")
        String username;

        @Override
        public Integer call() {
            Config config = Config.fromEnvironment();
            try (App app = App.buildForMaintenance(config)) {
                People.Operated done = app.people().resetByOperator(username);
                System.out.println("The password of " + done.user().displayName() + " no longer works. Give them this one-time link"
                        + " to set a new one (valid until " + done.link().expiresAt() + ", works once; it cannot be shown again):");
                System.out.println("  " + LinkBase.of(config) + "/setup/" + done.link().token());
                return 0;
            }
        }
    }

    @Command(name = "unlock", description = "Lift a lockout after too many failed sign-ins.")
    static final class Unlock implements Callable<Integer> {

        @Parameters(index = "0", description = "The person's username or e-mail address.")
        String username;

        @Override
        public Integer call() {
            try (App app = App.buildForMaintenance(Config.fromEnvironment())) {
                User user = app.people().unlockByOperator(username);
                System.out.println("Unlocked " + user.displayName() + ": they can sign in again at once.");
                return 0;
            }
        }
    }
}
