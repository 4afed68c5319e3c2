package no.mappe.templates;

import no.mappe.errors.NotAllowed;
import no.mappe.errors.NotFound;
import no.mappe.security.Caller;
import no.mappe.security.OrganisationProfile;
import no.mappe.security.ProfileService;

/**
 * The organisation's welcome folder (velkomstmappe) as a PDF made from a profile that is not saved
 * yet, with sample participant data: what the leader's edit will look like before anyone gets it.
 * The profile is checked as a save would check it, and rendered through the same sandbox and
 * budget as a real document.
 */
public final class WelcomeFolderPreview {

    static final String TEMPLATE = "welcome-folder";

    private final TemplateCatalogue catalogue;
    private final TemplateValidator validator;

    public WelcomeFolderPreview(TemplateCatalogue catalogue, TemplateValidator validator) {
        this.catalogue = catalogue;
        this.validator = validator;
    }

    public byte[] render(Caller caller, OrganisationProfile unsaved, String language) {
        if (!caller.isLeader()) {
            throw new NotAllowed("Only the leader can change the organisation profile, and so preview a change");
        }
        ProfileService.validate(unsaved);
        TemplateCatalogue.Template template = catalogue.find(caller.organisationId(), TEMPLATE)
                .orElseThrow(() -> new NotFound("The welcome folder template"));
        String chosen = template.manifest().languages().contains(language) ? language : template.manifest().languages().get(0);
        return validator.renderSample(template, chosen, ProfileService.templateView(ProfileService.cleaned(unsaved)));
    }
}
