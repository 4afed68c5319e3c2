package no.mappe.archive;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import no.mappe.cases.Case;
import no.mappe.cases.CaseService;
import no.mappe.cases.Deadlines;
import no.mappe.errors.NotAllowed;
import no.mappe.security.Caller;
import no.mappe.security.Directory;
import no.mappe.security.Role;
import no.mappe.security.User;
import no.mappe.templates.TemplateCatalogue;

/**
 * What needs a leader's attention across all counsellors: overdue progress reports, documents
 * waiting for signatures, complaints waiting for an answer, and cases without an active
 * counsellor. Built from the same deadlines the counsellors' start page shows, from the documents
 * the caller's role may read, so the overview never names a document the caller could not open.
 */
public final class LeaderOverview {

    /** The roles that see every case of the organisation and so may see the overview. */
    private static final Set<Role> MAY_SEE = Set.of(Role.LEADER, Role.MANAGEMENT, Role.PROGRAMME);

    private final CaseService cases;
    private final CaseOverviews overviews;
    private final Directory directory;
    private final TemplateCatalogue catalogue;
    private final Clock clock;

    public LeaderOverview(CaseService cases, CaseOverviews overviews, Directory directory,
                          TemplateCatalogue catalogue, Clock clock) {
        this.cases = cases;
        this.overviews = overviews;
        this.directory = directory;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    /** The kinds of thing the overview lists, in the order it lists them. */
    public enum Kind {
        OVERDUE_REPORT("overdue-report"), SIGNATURES("signatures"), COMPLAINT_ANSWER("complaint-answer"),
        NO_COUNSELLOR("no-counsellor");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        @JsonValue
        public String code() {
            return code;
        }
    }

    /**
     * One thing to follow up.
     *
     * @param documentId    the document it is about; null for an overdue report (not written yet) and a case without a counsellor
     * @param documentTitle the document's title in the reader's language (for an overdue report: the report's)
     * @param due           when it is or was due; null for signatures and a case without a counsellor
     * @param formerCounsellor for a case without a counsellor: the deactivated one it still names, if any
     */
    public record Item(Kind kind, String caseId, String participant, String documentId, String documentTitle, LocalDate due,
                       boolean overdue, String formerCounsellor) {
    }

    /**
     * The items of one counsellor's cases.
     *
     * @param counsellorId null for the group of cases without an active counsellor
     */
    public record Group(String counsellorId, String counsellorName, List<Item> items) {
    }

    /** The overview: how many of each kind, then the items grouped by counsellor (cases without one first). */
    public record Overview(LocalDate today, Map<String, Integer> counts, List<Group> groups) {
    }

    public Overview of(Caller caller, String language) {
        if (!MAY_SEE.contains(caller.role())) {
            throw new NotAllowed("Only the leader, the management group and the programme department see the overview");
        }
        LocalDate today = LocalDate.now(clock);
        Map<String, User> counsellors = directory.users(caller.organisationId()).stream()
                .filter(user -> user.role().worksCases())
                .collect(Collectors.toMap(User::id, user -> user, (a, b) -> a, LinkedHashMap::new));
        Map<String, String> everyone = directory.names(caller.organisationId());
        Map<String, List<Item>> byCounsellor = new LinkedHashMap<>();
        List<Item> unassigned = new ArrayList<>();
        for (CaseOverviews.CaseOverview overview : overviews.all(caller, cases.list(caller))) {
            Case found = overview.owner();
            String participant = found.participant().name();
            boolean hasCounsellor = found.counsellorId() != null && counsellors.containsKey(found.counsellorId());
            List<Item> items = new ArrayList<>();
            if (!hasCounsellor) {
                unassigned.add(new Item(Kind.NO_COUNSELLOR, found.id(), participant, null, "", null, false,
                        Optional.ofNullable(found.counsellorId()).map(everyone::get).orElse("")));
            }
            for (Deadlines.Deadline deadline : overview.deadlines()) {
                item(caller, overview, deadline, today, language).ifPresent(items::add);
            }
            if (hasCounsellor) {
                byCounsellor.computeIfAbsent(found.counsellorId(), id -> new ArrayList<>()).addAll(items);
            } else {
                unassigned.addAll(items);
            }
        }
        Comparator<Item> order = Comparator.comparing(Item::kind).thenComparing(Item::due, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Item::participant);
        List<Group> groups = new ArrayList<>();
        if (!unassigned.isEmpty()) {
            unassigned.sort(order);
            groups.add(new Group(null, "", List.copyOf(unassigned)));
        }
        counsellors.values().forEach(counsellor -> {
            List<Item> items = byCounsellor.getOrDefault(counsellor.id(), List.of());
            if (!items.isEmpty()) {
                List<Item> sorted = new ArrayList<>(items);
                sorted.sort(order);
                groups.add(new Group(counsellor.id(), counsellor.displayName(), List.copyOf(sorted)));
            }
        });
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            counts.put(kind.code(), (int) groups.stream().flatMap(g -> g.items().stream()).filter(i -> i.kind() == kind)
                    .count());
        }
        return new Overview(today, counts, List.copyOf(groups));
    }

    /**
     * The item a deadline makes, if it is one the overview lists: a report only once it is overdue. The
     * document is one the caller's level reads in a participant's case (the overview's cases), so no
     * further check is needed to name it.
     */
    private Optional<Item> item(Caller caller, CaseOverviews.CaseOverview overview, Deadlines.Deadline deadline, LocalDate today,
                                String language) {
        Case found = overview.owner();
        String participant = found.participant().name();
        return switch (deadline.kind()) {
            case "progress-report" -> deadline.overdue(today)
                    ? Optional.of(new Item(Kind.OVERDUE_REPORT, found.id(), participant, null,
                            typeTitle(caller.organisationId(), "progress-report", language), deadline.due(), true, ""))
                    : Optional.empty();
            case "signatures", "complaint-answer" -> overview.visible().stream()
                    .filter(document -> document.id().equals(deadline.documentId())).findFirst()
                    .map(document -> new Item(
                            "signatures".equals(deadline.kind()) ? Kind.SIGNATURES : Kind.COMPLAINT_ANSWER, found.id(), participant,
                            document.id(), documentTitle(document, language), deadline.due(), deadline.overdue(today), ""));
            default -> Optional.empty();
        };
    }

    private String documentTitle(Document document, String language) {
        return catalogue.find(document.organisationId(), document.templateId()).map(t -> t.manifest().title(language))
                .orElseGet(() -> typeTitle(document.organisationId(), document.documentType(), language));
    }

    /** The title of a document type in the reader's language, from the organisation's template of that type. */
    private String typeTitle(String organisationId, String documentType, String language) {
        return catalogue.all(organisationId).stream().map(TemplateCatalogue.Template::manifest)
                .filter(manifest -> manifest.documentType().equals(documentType)).findFirst()
                .map(manifest -> manifest.title(language)).orElse("");
    }
}
