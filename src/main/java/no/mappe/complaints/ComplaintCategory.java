package no.mappe.complaints;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a complaint is about, as the source documents list the reasons (Vinn Hallingdal: lacking
 * follow-up, lacking trust in the supervisor, equipment and physical environment, broken rules or
 * confidentiality, bullying and harassment); the wording per language is in the page messages.
 */
public enum ComplaintCategory {
    FOLLOW_UP("follow-up"),
    TRUST("trust"),
    WORK_ENVIRONMENT("work-environment"),
    RULES_AND_ETHICS("rules-and-ethics"),
    HARASSMENT("harassment"),
    OTHER("other");

    /** The complaint form's choices ({@code about} in templates/complaint) and the category each one is counted under. */
    private static final Map<String, ComplaintCategory> FORM_CHOICES = Map.of("oppfolging", FOLLOW_UP, "arbeidsmiljo",
            WORK_ENVIRONMENT, "behandling", RULES_AND_ETHICS, "informasjon", OTHER, "annet", OTHER);

    private final String code;

    ComplaintCategory(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<ComplaintCategory> fromCode(String code) {
        return Arrays.stream(values()).filter(category -> category.code.equals(code)).findFirst();
    }

    /** The category of the complaint form's choice; an unknown choice is counted as other. */
    public static ComplaintCategory ofFormChoice(Object choice) {
        return FORM_CHOICES.getOrDefault(String.valueOf(choice), OTHER);
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(ComplaintCategory::code).toList();
    }
}
