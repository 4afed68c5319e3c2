package no.mappe.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import no.mappe.app.App;
import no.mappe.config.Config;
import no.mappe.config.Resources;
import no.mappe.errors.RetentionPolicyInvalid;
import no.mappe.errors.StartupRefused;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policies are validated at start-up; every complaint names the file, the line and the problem. */
class PolicyLoaderTest {

    private static final List<String> TYPES = List.of("consent", "progress-report");

    @TempDir
    Path dir;

    @Test
    void theShippedPoliciesAreValidForTheShippedCatalogue() {
        PolicyLoader loader = new PolicyLoader(Resources.fromClasspath("archive-policy"),
                withUploads(no.mappe.templates.TemplateCatalogue.load(Resources.fromClasspath("templates")).documentTypes()));
        RetentionPolicy lysheim = loader.load("lysheim");
        assertThat(lysheim.ruleFor("progress-report").orElseThrow().action()).isEqualTo(RetentionAction.ANONYMISE);
        assertThat(lysheim.ruleFor("progress-report").orElseThrow().trigger()).isEqualTo("final-report-received");
        assertThat(lysheim.ruleFor("progress-report").orElseThrow().approvalRequired()).isFalse();
        assertThat(lysheim.ruleFor("consent").orElseThrow().after()).isEqualTo(Period.ofYears(10));
        assertThat(lysheim.ruleFor("disposal-certificate").orElseThrow().action()).isEqualTo(RetentionAction.KEEP);
        RetentionPolicy vestera = loader.load("vestera");
        assertThat(vestera.ruleFor("progress-report").orElseThrow().approvalRequired()).as("two-step by the policy's default").isTrue();
        assertThat(vestera.ruleFor("consent").orElseThrow().approvalRequired()).as("review lists nothing to approve").isFalse();
    }

    @Test
    void aDocumentTypeWithoutARuleIsAnError() throws Exception {
        assertInvalid("""
                classes:
                  participant-folder:
                    documents: [progress-report]
                    trigger: final-report-received
                    after: P0D
                    action: shred
                """, 2, "document type 'consent' has no retention rule");
    }

    @Test
    void unknownActionsTriggersPeriodsTypesAndKeysAreNamedWithTheirLine() throws Exception {
        assertInvalid(policy("action: burn"), 11, "action 'burn' is not one of");
        assertInvalid(policy("trigger: when-i-feel-like-it"), 9, "trigger 'when-i-feel-like-it' is not one of");
        assertInvalid(policy("after: 10 years"), 10, "after '10 years' is not an ISO-8601 period");
        assertInvalid(policy("colour: red"), 8, "unknown key 'colour'");
        assertInvalid("""
                classes:
                  consent:
                    documents: [consent, payslip]
                    trigger: case-ended
                    after: P10Y
                    action: review
                  folder:
                    documents: [progress-report]
                    trigger: case-ended
                    after: P1Y
                    action: shred
                """, 3, "unknown document type 'payslip'");
        assertInvalid("""
                classes:
                  consent:
                    documents: [consent]
                    trigger: case-ended
                    after: P10Y
                    action: review
                  folder:
                    documents: [progress-report, consent]
                    trigger: case-ended
                    after: P1Y
                    action: shred
                """, 8, "document type 'consent' is in class 'folder' and also in class 'consent'");
        assertInvalid("classes: [", 0, "not valid YAML");
        assertInvalid("approval: sometimes\n" + policy("after: P1Y"), 1, "approval 'sometimes' is not one of [none, leader]");
    }

    @Test
    void anInvalidPolicyStopsTheServiceWithTheFileAndTheProblem() throws Exception {
        Path policies = Files.createDirectories(dir.resolve("policies"));
        Files.writeString(policies.resolve("lysheim.yaml"), policy("after: soon"));
        Files.writeString(policies.resolve("vestera.yaml"), policy("after: P1Y"));
        Config config = Config.from(java.util.Map.of("MAPPE_DATA_DIR", dir.resolve("data").toString(), "MAPPE_DEMO", "true",
                "MAPPE_POLICY_DIR", policies.toString(), "MAPPE_PORT", "0"));
        assertThatThrownBy(() -> App.build(config)).isInstanceOf(StartupRefused.class)
                .hasMessageContaining(policies.resolve("lysheim.yaml") + ":10")
                .hasMessageContaining("after 'soon'");
    }

    @Test
    void dueDatesCountFromTheBusinessEvent() {
        RetentionRule rule = new RetentionRule("folder", List.of("progress-report"), "final-report-received", Period.ofMonths(3),
                RetentionAction.SHRED, false, 1);
        var document = new no.mappe.archive.Document("d", "o", "c", "progress-report", "progress-report", 1, "nb", 3, "draft",
                LocalDate.of(2026, 1, 5), "u", "2026-01-05T10:00:00Z", List.of());
        var withoutEvent = new no.mappe.cases.Case("c", "o", null, "AFT", "u", LocalDate.of(2025, 1, 1), List.of());
        assertThat(dueDate(rule, document, withoutEvent)).isEmpty();
        var withEvent = new no.mappe.cases.Case("c", "o", null, "AFT", "u", LocalDate.of(2025, 1, 1), List.of(
                new no.mappe.cases.CaseEvent("e", "final-report-received", LocalDate.of(2026, 6, 30), "u", "t")));
        assertThat(dueDate(rule, document, withEvent)).contains(LocalDate.of(2026, 9, 30));
    }

    private static java.util.Optional<LocalDate> dueDate(RetentionRule rule, no.mappe.archive.Document document,
                                                         no.mappe.cases.Case owner) {
        return Retention.apply(rule, document.documentDate(), type -> no.mappe.cases.CaseService.latestEvent(owner, type),
                java.util.Optional.empty()).dueDate();
    }

    private static List<String> withUploads(List<String> templateTypes) {
        List<String> types = new java.util.ArrayList<>(templateTypes);
        types.add(no.mappe.archive.Uploads.DOCUMENT_TYPE);
        types.add(DisposalCertificate.DOCUMENT_TYPE);
        types.add(no.mappe.cases.StaffFolders.STAFF_WELCOME_FOLDER);
        return types;
    }

    private static String policy(String replacementLine) {
        String consent = """
                classes:
                  consent:
                    documents: [consent]
                    trigger: case-ended
                    after: P10Y
                    action: review
                  folder:
                    documents: [progress-report]
                    trigger: final-report-received
                    after: P0D
                    action: shred
                """;
        String key = replacementLine.substring(0, replacementLine.indexOf(':'));
        // Replace the folder's line for this key (or add an unknown one on line 8).
        String[] lines = consent.split("\n");
        boolean replaced = false;
        for (int i = 7; i < lines.length; i++) {
            if (lines[i].strip().startsWith(key + ":")) {
                lines[i] = "    " + replacementLine;
                replaced = true;
            }
        }
        String text = String.join("\n", lines) + "\n";
        if (!replaced) {
            text = text.replace("  folder:\n", "  folder:\n    " + replacementLine + "\n");
        }
        return text;
    }

    private void assertInvalid(String text, int line, String problem) {
        PolicyLoader loader = new PolicyLoader(Resources.fromClasspath("archive-policy"), TYPES);
        assertThatThrownBy(() -> loader.parse("archive-policy/test.yaml", text, "test"))
                .isInstanceOf(RetentionPolicyInvalid.class)
                .hasMessageContaining("archive-policy/test.yaml" + (line > 0 ? ":" + line : ""))
                .hasMessageContaining(problem);
    }
}
