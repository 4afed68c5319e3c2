package no.mappe.people;

/**
 * A person of the organisation as the leader manages them.
 *
 * @param role   counsellor, leader, office, programme or management
 * @param active false once deactivated: they cannot sign in, and their name stays in audit trails
 * @param cases  how many participants' cases are assigned to them
 * @param locked too many failed sign-ins in the current window: the leader can unlock them
 */
public record Person(String id, String name, String username, String role, boolean active, int cases, boolean locked) {
}
