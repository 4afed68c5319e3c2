package no.mappe.security;

import java.util.List;

/**
 * The texts an organisation shows in its documents, kept as data so that a provider changes them
 * without touching a template: practical information, vision and values, rights and duties, work
 * rules, ethical guidelines, how to complain, and who its contacts are.
 *
 * @param practical  practical information, e.g. working hours, lunch, absence
 * @param complaints how to complain: to whom and within which deadlines
 * @param logoPng    the organisation's logo as a base64 PNG, printed in the letterhead; empty for none
 * @param openingHours when the organisation is open (åpningstider / åbningstider)
 * @param houseRules the house rules of the premises (husregler), one per item
 * @param contacts   further people to contact, each a title (who) and a text (how to reach them)
 * @param version    the stored profile's version (0 before the first save); a save naming an older one is refused. Never printed.
 */
public record OrganisationProfile(
        String legalName,
        String organisationNumber,
        String address,
        String phone,
        String email,
        String website,
        String leaderName,
        String unionRep,
        String safetyRep,
        String hmsLead,
        String vision,
        List<Item> values,
        List<Item> practical,
        List<String> rights,
        List<String> duties,
        List<String> workRules,
        List<String> ethics,
        String complaints,
        String logoPng,
        String openingHours,
        List<String> houseRules,
        List<Item> contacts,
        Integer version) {

    /** Missing texts and lists are empty, so templates never meet a null. */
    public OrganisationProfile {
        legalName = orEmpty(legalName);
        organisationNumber = orEmpty(organisationNumber);
        address = orEmpty(address);
        phone = orEmpty(phone);
        email = orEmpty(email);
        website = orEmpty(website);
        leaderName = orEmpty(leaderName);
        unionRep = orEmpty(unionRep);
        safetyRep = orEmpty(safetyRep);
        hmsLead = orEmpty(hmsLead);
        vision = orEmpty(vision);
        values = values == null ? List.of() : List.copyOf(values);
        practical = practical == null ? List.of() : List.copyOf(practical);
        rights = rights == null ? List.of() : List.copyOf(rights);
        duties = duties == null ? List.of() : List.copyOf(duties);
        workRules = workRules == null ? List.of() : List.copyOf(workRules);
        ethics = ethics == null ? List.of() : List.copyOf(ethics);
        complaints = orEmpty(complaints);
        logoPng = orEmpty(logoPng);
        openingHours = orEmpty(openingHours);
        houseRules = houseRules == null ? List.of() : List.copyOf(houseRules);
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
    }

    /** The same profile with another logo (base64 PNG, or empty for none). */
    public OrganisationProfile withLogo(String png) {
        return new OrganisationProfile(legalName, organisationNumber, address, phone, email, website, leaderName, unionRep, safetyRep,
                hmsLead, vision, values, practical, rights, duties, workRules, ethics, complaints, png, openingHours, houseRules, contacts,
                version);
    }

    /** The same profile as of a stored version. */
    public OrganisationProfile withVersion(Integer stored) {
        return new OrganisationProfile(legalName, organisationNumber, address, phone, email, website, leaderName, unionRep, safetyRep,
                hmsLead, vision, values, practical, rights, duties, workRules, ethics, complaints, logoPng, openingHours, houseRules,
                contacts, stored);
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text.strip();
    }

    /** A titled piece of text, e.g. one value with its meaning. */
    public record Item(String title, String text) {

        public Item {
            title = title == null ? "" : title.strip();
            text = text == null ? "" : text.strip();
        }
    }

    public static OrganisationProfile empty(String name) {
        return new OrganisationProfile(name, "", "", "", "", "", "", "", "", "", "", List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), "", "", "", List.of(), List.of(), 0);
    }
}
