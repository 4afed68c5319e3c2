package no.mappe.people;

import java.util.List;

/**
 * An organisation to make, with its first leader.
 *
 * @param country    NO or DK
 * @param language   nb or da: its documents' and pages' language
 * @param programmes the programmes it runs, from its country's (AFT, VTA, APS; virksomhedspraktik, fleksjob, løntilskud, seniorjob)
 * @param policy     its retention policy: a file {@code <policy>.yaml} in the policy directory
 * @param leader     its first leader; the role given is ignored
 */
public record NewOrganisation(String name, String country, String language, List<String> programmes, String policy,
                              NewPerson leader) {
}
