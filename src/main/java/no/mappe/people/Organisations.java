package no.mappe.people;

import java.sql.Connection;
import java.sql.SQLException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import no.mappe.audit.AuditEvent;
import no.mappe.audit.AuditLog;
import no.mappe.cases.Programme;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.errors.Conflict;
import no.mappe.errors.InvalidFields;
import no.mappe.errors.InvalidFields.FieldError;
import no.mappe.errors.RetentionPolicyInvalid;
import no.mappe.retention.PolicyChanges;
import no.mappe.retention.PolicyLoader;
import no.mappe.retention.Retention;
import no.mappe.retention.RetentionPolicy;
import no.mappe.security.Directory;
import no.mappe.security.Organisation;
import no.mappe.security.Role;

/**
 * The organisations of one installation, made by the operator (CLI or operator API): each with its
 * country, language, programmes and retention policy, and a first leader who gets a one-time link
 * to set their password. A new organisation's policy is validated and put in force at once, so it
 * works without a restart. Names are unique (ignoring case and spacing), so running the first-run
 * command twice does not make a second organisation.
 */
public final class Organisations {

    /** Who made an organisation when no person did, in the audit log. */
    public static final String OPERATOR = "operator";
    private static final Pattern POLICY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private final Database database;
    private final Directory directory;
    private final People people;
    private final PolicyLoader policies;
    private final Retention retention;
    private final PolicyChanges policyChanges;
    private final AuditLog audit;

    public Organisations(Database database, Directory directory, People people, PolicyLoader policies, Retention retention,
                         PolicyChanges policyChanges, AuditLog audit) {
        this.database = database;
        this.directory = directory;
        this.people = people;
        this.policies = policies;
        this.retention = retention;
        this.policyChanges = policyChanges;
        this.audit = audit;
    }

    /** An organisation as the operator sees it: no personal data, only how many people are active. */
    public record Summary(String id, String name, String country, String language, String policy, List<String> programmes,
                          int activePeople) {
    }

    /** A new organisation, its first leader and the link the leader sets their password with. */
    public record Created(Summary organisation, Person leader, SetupTokens.Issued link) {
    }

    public List<Summary> list() {
        Map<String, Integer> active = new HashMap<>();
        database.read(connection -> Sql.list(connection, "SELECT organisation_id, COUNT(*) FROM users WHERE active = 1"
                + " GROUP BY organisation_id", row -> active.put(row.getString(1), row.getInt(2))));
        return directory.organisations().stream().map(organisation -> summary(organisation, active.getOrDefault(organisation.id(), 0)))
                .toList();
    }

    /**
     * Makes the organisation and its first leader in one transaction, audited as done by
     * {@code actor}. Refused with 409 when an organisation of that name exists.
     */
    public Created create(NewOrganisation request, String actor) {
        List<FieldError> errors = new ArrayList<>();
        if (request.name() == null || request.name().isBlank()) {
            errors.add(new FieldError("name", "is required"));
        } else if (request.name().strip().length() > People.MAX_NAME || request.name().chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("name", "must be one line of at most " + People.MAX_NAME + " characters"));
        }
        boolean countryKnown = "NO".equals(request.country()) || "DK".equals(request.country());
        if (!countryKnown) {
            errors.add(new FieldError("country", "must be NO or DK"));
        }
        if (!"nb".equals(request.language()) && !"da".equals(request.language())) {
            errors.add(new FieldError("language", "must be nb (Norwegian bokmål) or da (Danish)"));
        }
        if (countryKnown) {
            checkProgrammes(request, errors);
        }
        RetentionPolicy policy = policy(request.policy(), errors);
        if (request.leader() == null) {
            errors.add(new FieldError("leader", "is required: the name and username of the organisation's first leader"));
        } else {
            People.validate(request.leader(), "leader.", errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidFields(errors);
        }
        Organisation organisation = new Organisation(UUID.randomUUID().toString(), request.name().strip(), request.country(),
                request.language(), request.policy());
        List<String> programmes = List.copyOf(new java.util.LinkedHashSet<>(request.programmes()));
        People.Added leader = database.write(connection -> {
            refuseTakenName(connection, organisation.name());
            directory.insertOrganisation(connection, organisation);
            directory.insertProgrammes(connection, organisation.id(), programmes);
            audit.append(connection, AuditEvent.of(organisation.id(), actor, "organisation-created").on("organisation", organisation.id())
                    .withDetail(organisation.country() + " " + organisation.language() + " " + String.join(",", programmes) + " policy "
                            + organisation.policy()));
            return people.insert(connection, organisation.id(), request.leader(), Role.LEADER, actor, "leader.");
        });
        retention.register(organisation.id(), policy);
        policyChanges.recordInForce(List.of(organisation.id()));
        return new Created(summary(organisation, 1), leader.person(), leader.link());
    }

    private Summary summary(Organisation organisation, int activePeople) {
        List<String> programmes = directory.chosenProgrammes(organisation.id());
        return new Summary(organisation.id(), organisation.name(), organisation.country(), organisation.language(), organisation.policy(),
                programmes.isEmpty() ? Programme.codesFor(organisation.country()) : programmes, activePeople);
    }

    private static void checkProgrammes(NewOrganisation request, List<FieldError> errors) {
        List<String> known = Programme.codesFor(request.country());
        if (request.programmes() == null || request.programmes().isEmpty()) {
            errors.add(new FieldError("programmes", "name at least one of " + known));
            return;
        }
        for (String programme : new HashSet<>(request.programmes())) {
            if (!known.contains(programme)) {
                errors.add(new FieldError("programmes", "'" + programme + "' is not a programme of " + request.country() + "; choose from "
                        + known));
            }
        }
    }

    /** The policy file, loaded and validated as at start-up; its problems become the field's error. */
    private RetentionPolicy policy(String name, List<FieldError> errors) {
        if (name == null || !POLICY_NAME.matcher(name).matches()) {
            errors.add(new FieldError("policy", "must name a policy file in the policy directory, without .yaml (letters, digits,"
                    + " - and _), e.g. lysheim"));
            return null;
        }
        try {
            return policies.load(name);
        } catch (RetentionPolicyInvalid e) {
            errors.add(new FieldError("policy", e.getMessage()));
            return null;
        }
    }

    private void refuseTakenName(Connection connection, String name) throws SQLException {
        String wanted = nameKey(name);
        for (String existing : Sql.list(connection, "SELECT name FROM organisations", row -> row.getString(1))) {
            if (nameKey(existing).equals(wanted)) {
                throw new Conflict("An organisation named '" + existing + "' already exists on this Mappe; nothing was changed."
                        + " Choose another name, or manage that organisation's people as its leader.");
            }
        }
    }

    /** Names that differ only in letter case, Unicode composition or spacing are the same name. */
    private static String nameKey(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
