package no.mappe.errors;

import java.util.List;

/**
 * A person still has cases, so they cannot leave (be deactivated) or take a role that holds no
 * cases until the leader has given those cases to someone else. Answered with 409 and the case ids.
 */
public final class CasesNeedReassignment extends MappeException {

    private final List<String> caseIds;

    public CasesNeedReassignment(String action, List<String> caseIds) {
        super(caseIds.size() + (caseIds.size() == 1 ? " case is" : " cases are") + " still assigned to this person. Reassign "
                + (caseIds.size() == 1 ? "it" : "them") + " to another counsellor first (on each case's page, or POST"
                + " /api/cases/{caseId}/counsellor), then " + action + " again.");
        this.caseIds = List.copyOf(caseIds);
    }

    public List<String> caseIds() {
        return caseIds;
    }

    @Override
    public String title() {
        return "Cases need reassignment";
    }
}
