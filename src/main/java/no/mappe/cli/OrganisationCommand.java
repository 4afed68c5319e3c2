package no.mappe.cli;

import java.util.concurrent.Callable;
import no.mappe.app.App;
import no.mappe.config.Config;
import no.mappe.people.Organisations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mappe organisation add|list}: more organisations on one installation, each isolated from the others. */
@Command(name = "organisation", description = "Add or list organisations (with the service stopped; while it runs, use the operator"
        + " API).", subcommands = {OrganisationCommand.Add.class, OrganisationCommand.ListAll.class})
final class OrganisationCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("mappe: say 'organisation add' or 'organisation list'");
        return 64;
    }

    @Command(name = "add", description = "Create another organisation and its first leader; prints a one-time link to set the"
            + " leader's password.")
    static final class Add implements Callable<Integer> {

        @Mixin
        OrganisationOptions options;

        @Override
        public Integer call() {
            Config config = Config.fromEnvironment();
            try (App app = App.buildForMaintenance(config)) {
                OrganisationOptions.print(app.organisations().create(options.request(), Organisations.OPERATOR), LinkBase.of(config));
                return 0;
            }
        }
    }

    @Command(name = "list", description = "List the organisations: id, name, country, programmes, policy, active people.")
    static final class ListAll implements Callable<Integer> {

        @Override
        public Integer call() {
            try (App app = App.buildForMaintenance(Config.fromEnvironment())) {
                for (Organisations.Summary organisation : app.organisations().list()) {
                    System.out.println(organisation.id() + "  " + organisation.name() + "  " + organisation.country() + "  "
                            + String.join(",", organisation.programmes()) + "  policy " + organisation.policy() + "  "
                            + organisation.activePeople() + " active");
                }
                return 0;
            }
        }
    }
}
