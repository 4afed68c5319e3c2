package no.mappe.testing;

/** What tests upload as a new version of the shipped progress report: its manifest and a body around their own content. */
public final class TemplateUploads {

    private TemplateUploads() {
    }

    /** The progress report's manifest with one required field, {@code progress}, as the given version. */
    public static String progressManifest(int version) {
        return """
                id: progress-report
                version: %d
                documentType: progress-report
                title: {nb: Fremdriftsrapport, da: Statusrapport}
                languages: [nb, da]
                accessLevel: 3
                signers: [participant, counsellor]
                fields:
                  - {name: progress, type: longtext, required: true, label: {nb: Utvikling, da: Udvikling}}
                """.formatted(version);
    }

    /** A body on the shared layout: the title, the given content, then the progress field. */
    public static String progressBody(String content) {
        return "{% extends \"layout\" %}{% block content %}<h1>{{ title }}</h1>" + content
                + "<p class=\"text\">{{ fields.progress }}</p>{% endblock %}";
    }
}
