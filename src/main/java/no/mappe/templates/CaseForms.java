package no.mappe.templates;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The forms a participant signs each on its own, with its own content shown (taushetserklæring,
 * samtykkeerklæring, kvittering for arbeidstøy og utstyr, deltakeravtale or arbeidsavtale), and how
 * far each has come in the case. The welcome folder lists them with this state instead of carrying
 * signable copies, so that a signature on one document never stands for another; the state comes
 * from the case's documents, not from anything the counsellor ticks.
 */
public record CaseForms(Map<Form, State> states) {

    /** A case none of whose forms is made yet. */
    public static final CaseForms NONE_MADE = new CaseForms(notMade());

    public CaseForms {
        if (!states.keySet().containsAll(List.of(Form.values()))) {
            throw new IllegalArgumentException("Every form needs a state, not only " + states.keySet());
        }
        states = Map.copyOf(states);
    }

    /** The kinds of separately signed form, by the document types that are one (the agreement has two). */
    public enum Form {
        CONFIDENTIALITY("confidentiality", "confidentiality"),
        CONSENT("consent", "consent"),
        EQUIPMENT_RECEIPT("equipmentReceipt", "equipment-receipt"),
        AGREEMENT("agreement", "participation-agreement", "employment-agreement");

        private final String variable;
        private final List<String> documentTypes;

        Form(String variable, String... documentTypes) {
            this.variable = variable;
            this.documentTypes = List.of(documentTypes);
        }

        /** Its name among the template variable {@code caseForms}. */
        public String variable() {
            return variable;
        }

        public static Optional<Form> of(String documentType) {
            return Arrays.stream(values()).filter(form -> form.documentTypes.contains(documentType)).findFirst();
        }
    }

    /** How far a form has come, in order; templates see the code. */
    public enum Stage {
        NOT_MADE("not-made"), DRAFT("draft"), AWAITING_SIGNATURES("awaiting-signatures"), SIGNED("signed");

        private final String code;

        Stage(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /**
     * @param documentType the document type that is this form (for the agreement: participation or employment); null when not made
     * @param signedOn     the day it was signed by everyone, in the organisation's calendar; null unless signed
     */
    public record State(Stage stage, String documentType, LocalDate signedOn) {
    }

    public State state(Form form) {
        return states.get(form);
    }

    /**
     * These forms with one more document of the case taken into account: each form shows the furthest
     * any of its documents has come (signed before being signed before draft), and of several signed the
     * latest signature. Documents of other types change nothing.
     */
    public CaseForms with(String documentType, Stage stage, LocalDate signedOn) {
        Optional<Form> form = Form.of(documentType);
        if (form.isEmpty() || stage == Stage.NOT_MADE) {
            return this;
        }
        State current = states.get(form.get());
        boolean further = stage.compareTo(current.stage()) > 0 || stage == current.stage()
                && (stage != Stage.SIGNED || signedOn != null && (current.signedOn() == null || !signedOn.isBefore(current.signedOn())));
        if (!further) {
            return this;
        }
        Map<Form, State> changed = new EnumMap<>(states);
        changed.put(form.get(), new State(stage, documentType, stage == Stage.SIGNED ? signedOn : null));
        return new CaseForms(changed);
    }

    private static Map<Form, State> notMade() {
        Map<Form, State> states = new EnumMap<>(Form.class);
        for (Form form : Form.values()) {
            states.put(form, new State(Stage.NOT_MADE, null, null));
        }
        return states;
    }
}
