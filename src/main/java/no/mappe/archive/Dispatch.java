package no.mappe.archive;

import java.time.LocalDate;

/**
 * A document sent to someone outside (NAV, the job centre, the participant, other): when, how,
 * and when it was received (null until someone records it).
 *
 * @param recipient nav, jobcentre, participant or other
 * @param method    post, digital-post, email, by-hand or nav-system
 */
public record Dispatch(String id, String recipient, String method, LocalDate sentOn, LocalDate receivedOn, String recordedBy,
                       String recordedAt) {

    public static final java.util.List<String> RECIPIENTS = java.util.List.of("nav", "jobcentre", "participant", "other");
    public static final java.util.List<String> METHODS = java.util.List.of("post", "digital-post", "email", "by-hand", "nav-system");
}
