package no.mappe.cli;

import java.util.ArrayList;
import java.util.List;
import no.mappe.people.NewOrganisation;
import no.mappe.people.NewPerson;
import no.mappe.people.Organisations;
import picocli.CommandLine.Option;

/** What {@code mappe init} and {@code mappe organisation add} ask for: the organisation and its first leader. */
final class OrganisationOptions {

    @Option(names = "--name", required = true, description = "The organisation's name, e.g. \"Lysheim Arbeid AS\".")
    String name;

    @Option(names = "--country", required = true, description = "NO or DK.")
    String country;

    @Option(names = "--language", description = "nb or da: the language of its pages and documents (default: nb for NO, da for DK).")
    String language;

    @Option(names = "--programmes", required = true, split = ",",
            description = "The programmes it runs, comma-separated: AFT, VTA, APS (NO);"
                    + " virksomhedspraktik, fleksjob, løntilskud, seniorjob (DK).")
    List<String> programmes = new ArrayList<>();

    @Option(names = "--policy", required = true,
            description = "Its retention policy: the name of a file <policy>.yaml in MAPPE_POLICY_DIR"
                    + " (or a shipped one: lysheim, vestera).")
    String policy;

    @Option(names = "--leader-name", required = true, description = "The first leader's full name.")
    String leaderName;

    @Option(names = "--leader-username", required = true, description = "The first leader's username or e-mail address.")
    String leaderUsername;

    NewOrganisation request() {
        String chosenLanguage = language != null ? language : "DK".equals(country) ? "da" : "nb";
        return new NewOrganisation(name, country, chosenLanguage, programmes, policy, new NewPerson(leaderName, "leader", leaderUsername));
    }

    /** Prints what was made and the one-time link, which is shown nowhere else. */
    static void print(Organisations.Created created, String linkBase) {
        System.out.println("Created organisation " + created.organisation().name() + " (" + created.organisation().id() + ", "
                + created.organisation().country() + ", " + String.join(", ", created.organisation().programmes()) + ", policy "
                + created.organisation().policy() + ").");
        System.out.println("Its first leader: " + created.leader().name() + " (" + created.leader().username() + ").");
        System.out.println("Give the leader this one-time link to set their password (valid until " + created.link().expiresAt()
                + ", works once; it is not stored and cannot be shown again):");
        System.out.println("  " + linkBase + "/setup/" + created.link().token());
    }
}
