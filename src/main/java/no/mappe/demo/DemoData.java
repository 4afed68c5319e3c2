package no.mappe.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.mappe.archive.DocumentService;
import no.mappe.archive.NewDocument;
import no.mappe.cases.Participants;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.security.Caller;
import no.mappe.security.Directory;
import no.mappe.security.Organisation;
import no.mappe.security.OrganisationProfile;
import no.mappe.security.PasswordHasher;
import no.mappe.security.ProfileService;
import no.mappe.security.Role;
import no.mappe.security.User;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The demo world: a Norwegian provider running AFT and VTA and a Danish municipality with
 * virksomhedspraktik, each with a leader, two counsellors, an office user, someone from the
 * programme department, from the management group and an ordinary employee, and a few participants.
 * Seeded once; on every demo start the users' password is set again to the configured (or a fresh
 * random) one, so the printed credentials always work.
 */
public final class DemoData {

    public static final String NORWEGIAN_ORGANISATION = "7d1f0c3e-0000-4000-8000-000000000001";
    public static final String DANISH_ORGANISATION = "7d1f0c3e-0000-4000-8000-000000000002";

    private static final List<Organisation> ORGANISATIONS = List.of(
            new Organisation(NORWEGIAN_ORGANISATION, "Lysheim Arbeid AS", "NO", "nb", "lysheim"),
            new Organisation(DANISH_ORGANISATION, "Vesterå Kommune, Jobcenter", "DK", "da", "vestera"));

    private static final List<User> USERS = List.of(
            user(1, NORWEGIAN_ORGANISATION, "leder", "Hilde Åsheim", Role.LEADER),
            user(2, NORWEGIAN_ORGANISATION, "veileder", "Øystein Brænne", Role.COUNSELLOR),
            user(3, NORWEGIAN_ORGANISATION, "veileder2", "Marte Løvås", Role.COUNSELLOR),
            user(4, NORWEGIAN_ORGANISATION, "kontor", "Kåre Næss", Role.OFFICE),
            user(5, DANISH_ORGANISATION, "leder-dk", "Birgitte Møller", Role.LEADER),
            user(6, DANISH_ORGANISATION, "vejleder", "Søren Kjærgaard", Role.COUNSELLOR),
            user(7, DANISH_ORGANISATION, "vejleder2", "Lærke Østergaard", Role.COUNSELLOR),
            user(8, DANISH_ORGANISATION, "kontor-dk", "Jens Ærø", Role.OFFICE),
            user(9, NORWEGIAN_ORGANISATION, "fagleder", "Siri Haugland", Role.PROGRAMME),
            user(10, NORWEGIAN_ORGANISATION, "ledergruppe", "Arne Flåten", Role.MANAGEMENT),
            user(11, DANISH_ORGANISATION, "fagleder-dk", "Mads Østerby", Role.PROGRAMME),
            user(12, DANISH_ORGANISATION, "ledelse-dk", "Hanne Bæk", Role.MANAGEMENT),
            user(13, NORWEGIAN_ORGANISATION, "arbeidsleder", "Tor Vågen", Role.EMPLOYEE),
            user(14, DANISH_ORGANISATION, "medarbejder-dk", "Kirsten Holm", Role.EMPLOYEE));

    /** Participants and their cases: name, birth date, programme, counsellor username, start date. */
    private static final List<DemoCase> CASES = List.of(
            new DemoCase(NORWEGIAN_ORGANISATION, "Åse Bjørnstad", "1988-03-14", "AFT", 2, "2026-02-02"),
            new DemoCase(NORWEGIAN_ORGANISATION, "Per Østli", "1975-11-30", "VTA", 2, "2025-09-01"),
            new DemoCase(NORWEGIAN_ORGANISATION, "Ingrid Sæther", "1999-06-21", "AFT", 3, "2026-05-18"),
            new DemoCase(DANISH_ORGANISATION, "Mette Kjær Jørgensen", "1991-01-09", "virksomhedspraktik", 6, "2026-04-06"),
            new DemoCase(DANISH_ORGANISATION, "Anders Ærenlund", "1983-08-27", "virksomhedspraktik", 7, "2026-08-10"),
            new DemoCase(NORWEGIAN_ORGANISATION, "Jonas Aasen", "1994-10-02", "APS", 3, "2026-10-05"));

    private final Database database;
    private final Directory directory;
    private final Participants participants;
    private final Clock clock;

    public DemoData(Database database, Directory directory, Participants participants, Clock clock) {
        this.database = database;
        this.directory = directory;
        this.participants = participants;
        this.clock = clock;
    }

    /** The outcome of seeding: the demo password, and whether the demo world was created just now. */
    public record Seeded(String password, boolean created) {
    }

    /** The demo users' password (the configured one, or a new random one) and its hash. */
    public record Password(String plain, String hash) {

        @Override
        public String toString() {
            return "Password[hidden]";
        }
    }

    /** Makes the demo password and its hash (Argon2: about half a second, so the service makes it beside other start-up work). */
    public static Password password(Optional<String> configured, PasswordHasher hasher) {
        String password = configured.filter(p -> !p.isBlank()).orElseGet(DemoData::randomPassword);
        return new Password(password, hasher.hash(password));
    }

    /** Seeds what is missing and sets every demo user's password. */
    public Seeded seed(Password demoPassword) {
        String password = demoPassword.plain();
        String hash = demoPassword.hash();
        boolean created = database.write(connection -> {
            boolean seeded = Sql.one(connection, "SELECT id FROM organisations WHERE id = ?", row -> row.getString(1),
                    NORWEGIAN_ORGANISATION).isPresent();
            if (!seeded) {
                for (Organisation organisation : ORGANISATIONS) {
                    directory.insertOrganisation(connection, organisation);
                }
                for (User user : USERS) {
                    directory.insertUser(connection, user, hash);
                }
                String now = Instant.now(clock).toString();
                int number = 1;
                for (DemoCase demo : CASES) {
                    String participantId = id(100 + number);
                    participants.insert(connection, participantId, demo.organisationId(), demo.name(), LocalDate.parse(demo.birthDate()));
                    Sql.execute(connection, "INSERT INTO cases (id, organisation_id, participant_id, programme, counsellor_id,"
                                    + " start_date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            id(200 + number), demo.organisationId(), participantId, demo.programme(), id(demo.counsellor()),
                            demo.startDate(), now);
                    number++;
                }
            }
            for (User user : USERS) {
                // Demo users added in later versions join an existing demo database too.
                if (directory.userId(connection, user.username()).isEmpty()) {
                    directory.insertUser(connection, user, hash);
                }
                directory.setPasswordHash(connection, user.username(), hash);
            }
            return !seeded;
        });
        return new Seeded(password, created);
    }

    /** The demo organisations' profiles, from the YAML files shipped beside this class. */
    public void seedProfiles(ProfileService profiles) {
        profiles.store(NORWEGIAN_ORGANISATION, USERS.get(0).id(), profile("/demo/profile-lysheim.yaml"));
        profiles.store(DANISH_ORGANISATION, USERS.get(4).id(), profile("/demo/profile-vestera.yaml"));
    }

    /** A demo profile shipped in the jar, e.g. {@code /demo/profile-lysheim.yaml}, with a drawn logo. */
    public static OrganisationProfile profile(String resource) {
        try (InputStream in = DemoData.class.getResourceAsStream(resource)) {
            Object yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            OrganisationProfile p = new ObjectMapper().convertValue(yaml, OrganisationProfile.class);
            return p.withLogo(logo(p.legalName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A simple round logo with the organisation's initial, drawn rather than shipped. */
    private static String logo(String name) {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(120, 120, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 120, 120);
        g.setColor(name.startsWith("Vester") ? new java.awt.Color(0x1d, 0x5c, 0x7a) : new java.awt.Color(0x2e, 0x6b, 0x3a));
        g.fillOval(4, 4, 112, 112);
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(34, 30, 14, 60);
        g.fillRect(34, 76, 52, 14);
        g.dispose();
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(image, "png", out);
            return java.util.Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A few generated documents, so that search and the archive have something to show. */
    public void seedDocuments(DocumentService documents) {
        Caller norwegian = USERS.get(1).asCaller();
        documents.generate(norwegian, id(201), new NewDocument("consent", "nb", Map.of(
                "recipients", List.of("NAV Gauldal", "Fastlegen"),
                "purpose", "Oppfølging i tiltaket og samarbeid med NAV om arbeidsevne og helse."), null));
        documents.generate(norwegian, id(201), new NewDocument("plan", "nb", Map.of(
                "periodFrom", "2026-02-02", "periodTo", "2026-07-31",
                "mainGoal", "Komme i jobb på et lager, helst i Melhus.",
                "lifeAreas", List.of(
                        Map.of("area", "physical-wellbeing", "situation", "Vondt i ryggen ved tunge løft.",
                                "goal", "Trene med fysioterapeut én time i uka i arbeidstida."),
                        Map.of("area", "social-inclusion", "situation", "Få venner utenom jobb.",
                                "goal", "Bli med på trimturen på tirsdager.")),
                "goals", List.of(
                        Map.of("goal", "Møte presist fire dager i uka", "actions", "Fast oppstart kl. 08.30; melding ved fravær.",
                                "responsible", "Deltaker", "deadline", "2026-04-30"),
                        Map.of("goal", "Ta truckførerbevis (T1 og T4)", "actions", "Kurs og øving på lageret.",
                                "responsible", "Veileder", "deadline", "2026-05-31"))), null));
        documents.generate(norwegian, id(201), new NewDocument("progress-report", "nb", Map.ofEntries(
                Map.entry("periodFrom", "2026-02-02"), Map.entry("periodTo", "2026-05-01"),
                Map.entry("attendees", List.of("Åse Bjørnstad, deltaker", "Øystein Brænne, veileder", "Veileder i NAV")),
                Map.entry("goals", List.of(
                        Map.of("goal", "Møte presist fire dager i uka", "status", "progressing"),
                        Map.of("goal", "Ta truckførerbevis (T1 og T4)", "status", "reached",
                                "comment", "Bestod den praktiske prøven i april."))),
                Map.entry("plannedDays", 52), Map.entry("daysPresent", 47), Map.entry("absenceValid", 4), Map.entry("absenceOther", 1),
                Map.entry("workTasks", "Varemottak og plukking på lageret, to dager i uka i kantinen."),
                Map.entry("progress", "Møter presist og tar mer ansvar. Har fullført truckførerkurset."),
                Map.entry("nextSteps", "Prøve ut praksis i ordinær bedrift fra høsten."),
                Map.entry("participantView", "Jeg trives og vil prøve meg i en vanlig bedrift.")), null));
        Caller danish = USERS.get(5).asCaller();
        documents.generate(danish, id(204), new NewDocument("consent", "da", Map.of(
                "recipients", List.of("Jobcentret", "Egen læge"),
                "purpose", "Opfølgning i virksomhedspraktikken og koordinering med jobcentret."), null));
    }

    public static List<String> usernames() {
        return USERS.stream().map(User::username).toList();
    }

    /** Every personal value of the demo world (participants' names and birth dates, users' usernames and names). */
    public static List<String> personalValues() {
        List<String> values = new java.util.ArrayList<>();
        CASES.forEach(demo -> values.addAll(List.of(demo.name(), demo.birthDate())));
        USERS.forEach(user -> values.addAll(List.of(user.username(), user.displayName())));
        return values;
    }

    private static User user(int number, String organisationId, String username, String name, Role role) {
        return new User(id(number), organisationId, username, name, role);
    }

    private static String id(int number) {
        return String.format("7d1f0c3e-0000-4000-9000-%012d", number);
    }

    private static String randomPassword() {
        String alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    private record DemoCase(String organisationId, String name, String birthDate, String programme, int counsellor,
                            String startDate) {
    }
}
