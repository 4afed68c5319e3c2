package no.mappe.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import no.mappe.errors.InvalidFields;
import org.junit.jupiter.api.Test;

/** Field values are checked against the manifest, and every problem is named by its path. */
class FieldValidatorTest {

    private static final TemplateManifest PLAN = ManifestReader.read("""
            id: plan
            version: 1
            documentType: plan
            title: {nb: Plan, da: Plan}
            languages: [nb, da]
            accessLevel: 3
            fields:
              - {name: mainGoal, type: longtext, required: true, maxLength: 50, label: {nb: Hovedmål}}
              - {name: orgNumber, type: text, pattern: "[0-9]{9}", label: {nb: Orgnr}}
              - name: goals
                type: table
                maxItems: 2
                label: {nb: Delmål}
                columns:
                  - {name: goal, type: text, required: true, label: {nb: Mål}}
                  - {name: deadline, type: date, required: true, label: {nb: Frist}}
            """, "test");

    private static final TemplateManifest ATTENDANCE = ManifestReader.read("""
            id: progress-report
            version: 1
            documentType: progress-report
            title: {nb: Fremdriftsrapport, da: Statusrapport}
            languages: [nb, da]
            accessLevel: 3
            fields:
              - {name: plannedDays, type: number, maxLength: 3, label: {nb: Avtalte dager}}
              - {name: daysPresent, type: number, maxLength: 3, notAbove: plannedDays, label: {nb: Dager til stede}}
            """, "test");

    @Test
    void numbersAreWholeFromZeroAndNotAboveTheNumberTheyMayNotExceed() {
        assertThat(FieldValidator.validate(ATTENDANCE, Map.of("plannedDays", " 060 ", "daysPresent", 0)))
                .isEqualTo(Map.of("plannedDays", 60, "daysPresent", 0));
        assertThat(FieldValidator.validate(ATTENDANCE, Map.of("daysPresent", "999"))).as("nothing to compare with")
                .isEqualTo(Map.of("daysPresent", 999));
        for (Object wrong : List.of("-1", "1.5", "1000", "tre", 2.5, true)) {
            assertThatThrownBy(() -> FieldValidator.validate(ATTENDANCE, Map.of("plannedDays", wrong))).as(String.valueOf(wrong))
                    .isInstanceOfSatisfying(InvalidFields.class, e -> assertThat(e.errors()).extracting(error -> error.field() + " "
                            + error.message()).containsExactly("fields.plannedDays must be a whole number from 0 with at most 3 digits"));
        }
        assertThatThrownBy(() -> FieldValidator.validate(ATTENDANCE, Map.of("plannedDays", 40, "daysPresent", "41")))
                .isInstanceOfSatisfying(InvalidFields.class, e -> assertThat(e.errors()).extracting(error -> error.field() + " "
                        + error.message()).containsExactly("fields.daysPresent cannot be more than plannedDays (40)"));
    }

    @Test
    void aPrefillAndANotAboveMustNameWhatExists() {
        String base = """
                id: progress-report
                version: 1
                documentType: progress-report
                title: {nb: Fremdriftsrapport}
                languages: [nb]
                accessLevel: 3
                fields:
                """;
        assertThatThrownBy(() -> ManifestReader.read(base + """
                  - {name: daysPresent, type: number, notAbove: plannedDays, label: {nb: Dager}}
                """, "m.yaml")).hasMessageContaining("notAbove must name another number field beside it");
        assertThatThrownBy(() -> ManifestReader.read(base + """
                  - name: goals
                    type: table
                    prefill: {template: plan, field: goals, columns: {target: goal}}
                    label: {nb: Delmål}
                    columns: [{name: goal, type: text, label: {nb: Delmål}}]
                """, "m.yaml")).hasMessageContaining("prefill copies into column 'target', which the table does not have");
        FieldSpec goals = ManifestReader.read(base + """
                  - name: goals
                    type: table
                    prefill: {template: plan, field: goals, columns: {goal: goal}}
                    label: {nb: Delmål}
                    columns: [{name: goal, type: text, label: {nb: Delmål}}]
                """, "m.yaml").fields().get(0);
        assertThat(goals.prefill()).isEqualTo(new FieldPrefill("plan", "goals", Map.of("goal", "goal")));
    }

    @Test
    void tableCellsAreCheckedAndNamedByRow() {
        assertThatThrownBy(() -> FieldValidator.validate(PLAN, Map.of("mainGoal", "Arbeid", "goals", List.of(
                Map.of("goal", "Truckførerbevis", "deadline", "2026-06-01"),
                Map.of("goal", "", "deadline", "snart", "colour", "blå")))))
                .isInstanceOfSatisfying(InvalidFields.class, e -> assertThat(e.errors()).extracting(InvalidFields.FieldError::field)
                        .containsExactlyInAnyOrder("fields.goals[1].colour", "fields.goals[1].goal", "fields.goals[1].deadline"));
    }

    @Test
    void cleanValuesComeBackTyped() {
        Map<String, Object> clean = FieldValidator.validate(PLAN, Map.of("mainGoal", "  Arbeid  ", "orgNumber", "912345678",
                "goals", List.of(Map.of("goal", "Kurs", "deadline", "2026-06-01"))));
        assertThat(clean.get("mainGoal")).isEqualTo("Arbeid");
        assertThat(clean.get("goals")).isEqualTo(List.of(Map.of("goal", "Kurs", "deadline", LocalDate.of(2026, 6, 1))));
    }

    @Test
    void limitsPatternsAndShapesAreEnforced() {
        assertThatThrownBy(() -> FieldValidator.validate(PLAN, Map.of("mainGoal", "x".repeat(51), "orgNumber", "12",
                "goals", List.of(Map.of(), Map.of(), Map.of()))))
                .isInstanceOfSatisfying(InvalidFields.class, e -> assertThat(e.errors())
                        .extracting(error -> error.field() + " " + error.message())
                        .containsExactlyInAnyOrder("fields.mainGoal must be at most 50 characters",
                                "fields.orgNumber does not have the expected form", "fields.goals must have at most 2 rows"));
        assertThatThrownBy(() -> FieldValidator.validate(PLAN, Map.of("mainGoal", "x", "goals", "not rows")))
                .isInstanceOfSatisfying(InvalidFields.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("fields.goals"));
    }

    @Test
    void manifestsThatMakeNoSenseAreRefused() {
        assertThatThrownBy(() -> ManifestReader.read("id: x\nversion: 1\ndocumentType: x\ntitle: {nb: X}\nlanguages: [sv]\n"
                + "accessLevel: 3\n", "m")).hasMessageContaining("languages must list some of");
        assertThatThrownBy(() -> ManifestReader.read("id: x\nversion: 1\ndocumentType: x\ntitle: {nb: X}\nlanguages: [nb]\n"
                + "accessLevel: 3\nfields:\n  - {name: t, type: table, label: {nb: T}}\n", "m"))
                .hasMessageContaining("a table needs columns");
        assertThatThrownBy(() -> ManifestReader.read("a: &a [1]\nb: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n", "m"))
                .hasMessageContaining("not valid YAML");
    }

    private static final TemplateManifest PERIOD = ManifestReader.read("""
            id: receipt
            version: 1
            documentType: receipt
            title: {nb: Kvittering, da: Kvittering}
            languages: [nb, da]
            accessLevel: 2
            fields:
              - {name: periodFrom, type: date, label: {nb: Fra}}
              - {name: periodTo, type: date, notBefore: periodFrom, label: {nb: Til}}
              - name: items
                type: table
                label: {nb: Utstyr}
                columns:
                  - {name: handedOut, type: date, past: true, label: {nb: Utlevert}}
                  - {name: returned, type: date, past: true, notBefore: handedOut, label: {nb: Levert tilbake}}
            """, "test");

    @Test
    void anEndBeforeItsStartIsRefusedOnTheEndNamingTheStartAndDatesOfWhatHappenedNotInTheFuture() {
        LocalDate today = LocalDate.of(2026, 12, 1);
        assertThatThrownBy(() -> FieldValidator.validate(PERIOD, Map.of("periodFrom", "2026-05-01", "periodTo", "2026-04-30",
                "items", List.of(Map.of("handedOut", "2026-11-02", "returned", "2026-11-01"),
                        Map.of("handedOut", "2026-12-02"))), today))
                .isInstanceOfSatisfying(InvalidFields.class, e -> assertThat(e.errors())
                        .extracting(error -> error.field() + " " + error.message())
                        .containsExactlyInAnyOrder("fields.periodTo cannot be before periodFrom (2026-05-01)",
                                "fields.items[0].returned cannot be before handedOut (2026-11-02)",
                                "fields.items[1].handedOut cannot be in the future"));
        assertThat(FieldValidator.validate(PERIOD, Map.of("periodFrom", "2026-05-01", "periodTo", "2026-05-01",
                "items", List.of(Map.of("handedOut", "2026-12-01"))), today)).as("the same day, and today, are fine").containsKey("items");
        assertThat(FieldValidator.validate(PERIOD, Map.of("items", List.of(Map.of("handedOut", "2030-01-01")))))
                .as("a template's sample values are not about any day").containsKey("items");
    }

    @Test
    void notBeforeMustNameADateBesideIt() {
        assertThatThrownBy(() -> ManifestReader.read("""
                id: x
                version: 1
                documentType: x
                title: {nb: X, da: X}
                languages: [nb]
                accessLevel: 2
                fields:
                  - {name: periodTo, type: date, notBefore: periodFrom, label: {nb: Til}}
                """, "x.yaml")).hasMessageContaining("notBefore must name another date field beside it, not 'periodFrom'");
    }

    /** The welcome folder's old "signed" check boxes: what an older client or form still sends is dropped, a typo still refused. */
    @Test
    void valuesForARetiredFieldAreDroppedAndUnknownNamesStillRefused() {
        TemplateManifest welcome = TemplateCatalogue.load(no.mappe.config.Resources.fromClasspath("templates"))
                .shipped("welcome-folder").orElseThrow().manifest();
        assertThat(welcome.retiredFields()).contains("signedConsent", "equipmentHandedOut");
        assertThat(FieldValidator.validate(welcome, Map.of("department", "Kantina", "signedConsent", true, "equipmentHandedOut", "ja")))
                .containsExactly(Map.entry("department", "Kantina"));
        assertThatThrownBy(() -> FieldValidator.validate(welcome, Map.of("signedConsnt", true)))
                .isInstanceOfSatisfying(InvalidFields.class, e -> assertThat(e.errors()).extracting(error -> error.field())
                        .containsExactly("fields.signedConsnt"));
        assertThatThrownBy(() -> ManifestReader.read("""
                id: t
                version: 1
                documentType: t
                title: {nb: T}
                languages: [nb]
                accessLevel: 2
                retiredFields: [department]
                fields:
                  - {name: department, type: text, label: {nb: Avdeling}}
                """, "test")).hasMessageContaining("retiredFields names 'department', which is still one of the fields");
    }
}
