package no.mappe.cli;

import java.util.concurrent.Callable;
import no.mappe.app.App;
import no.mappe.config.Config;
import no.mappe.people.Organisations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * First run: makes the installation's first organisation and its first leader, and prints the
 * one-time link the leader sets their password with. Refuses when the installation already has an
 * organisation, so running it twice changes nothing ({@code mappe organisation add} adds more).
 */
@Command(name = "init", description = "Create the first organisation and its first leader; prints a one-time link to set the"
        + " leader's password. Run once, with the service stopped.")
final class InitCommand implements Callable<Integer> {

    @Mixin
    OrganisationOptions options;

    @Override
    public Integer call() {
        Config config = Config.fromEnvironment();
        try (App app = App.buildForMaintenance(config)) {
            if (!app.directory().organisations().isEmpty()) {
                System.err.println("mappe: this Mappe is already set up: it has the organisation(s) "
                        + String.join(", ", app.organisations().list().stream().map(Organisations.Summary::name).toList())
                        + ". Nothing was changed. Add another with 'mappe organisation add', or give a leader a new link with"
                        + " 'mappe user reset'.");
                return 1;
            }
            OrganisationOptions.print(app.organisations().create(options.request(), Organisations.OPERATOR), LinkBase.of(config));
            return 0;
        }
    }
}
