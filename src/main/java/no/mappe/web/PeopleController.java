package no.mappe.web;

import io.javalin.http.Context;
import java.util.Map;
import no.mappe.cases.CaseService;
import no.mappe.people.NewPerson;
import no.mappe.people.People;
import no.mappe.people.Person;

/** The leader's API for their organisation's people. */
final class PeopleController {

    private final People people;
    private final CaseService cases;
    private final SetupLinks links;

    PeopleController(People people, CaseService cases, SetupLinks links) {
        this.people = people;
        this.cases = cases;
        this.links = links;
    }

    /** A role change or other small body: {@code {"role": "..."}}. */
    record RoleChange(String role) {
    }

    void list(Context ctx) {
        ctx.json(Map.of("people", people.list(Requests.caller(ctx))));
    }

    void get(Context ctx) {
        ctx.json(people.get(Requests.caller(ctx), ctx.pathParam("userId")));
    }

    void add(Context ctx) {
        People.Added added = people.add(Requests.caller(ctx), Requests.body(ctx, NewPerson.class));
        ctx.status(201).header("Location", "/api/people/" + added.person().id())
                .json(Map.of("person", added.person(), "setupLink", links.of(added.link())));
    }

    void changeRole(Context ctx) {
        ctx.json(people.changeRole(Requests.caller(ctx), ctx.pathParam("userId"), Requests.body(ctx, RoleChange.class).role()));
    }

    /**
     * With {@code ?reassignTo=<userId>} the person's cases go to that counsellor first (each
     * reassignment audited like one made on the case), then the person is deactivated.
     */
    void deactivate(Context ctx) {
        var caller = Requests.caller(ctx);
        String userId = ctx.pathParam("userId");
        String reassignTo = ctx.queryParam("reassignTo");
        if (reassignTo != null && !reassignTo.isBlank()) {
            if (reassignTo.equals(userId)) {
                throw no.mappe.errors.InvalidFields.of("reassignTo", "must be someone else than the person leaving");
            }
            for (String caseId : people.casesOf(caller, userId)) {
                cases.reassign(caller, caseId, reassignTo);
            }
        }
        ctx.json(people.deactivate(caller, userId));
    }

    void reactivate(Context ctx) {
        ctx.json(people.reactivate(Requests.caller(ctx), ctx.pathParam("userId")));
    }

    void unlock(Context ctx) {
        people.unlock(Requests.caller(ctx), ctx.pathParam("userId"));
        ctx.status(204);
    }

    void reset(Context ctx) {
        var caller = Requests.caller(ctx);
        String userId = ctx.pathParam("userId");
        var link = links.of(people.resetLink(caller, userId));
        Person person = people.get(caller, userId);
        ctx.status(201).json(Map.of("person", person, "setupLink", link));
    }
}
