package no.mappe.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.mappe.cases.Programme;
import no.mappe.config.Resources;
import no.mappe.demo.DemoData;
import no.mappe.security.ProfileService;
import no.mappe.testing.PdfChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the sealed documents say, read back from the PDF text: sentences that follow the facts (no
 * "had no comments" beside comments), the participant's comments before the signatures, the rules
 * with their right deadlines, nothing an employer should not see, and inserted values that fit their
 * sentence. Each template is rendered with realistic values in both languages. The sealed final
 * report with comments added at signing is checked over real HTTP in {@code SigningApiTest}.
 */
class DocumentContentTest {

    private static final TemplateCatalogue CATALOGUE = TemplateCatalogue.load(Resources.fromClasspath("templates"));
    private static final PdfRenderer RENDERER = new PdfRenderer();
    private static final TemplateFiller FILLER = new TemplateFiller(CATALOGUE);
    private static final LocalDate BIRTH_DATE = LocalDate.of(1990, 4, 5);
    private static final String SIGNATURE_LINE = "Sted, dato og underskrift";

    @ParameterizedTest
    @ValueSource(strings = {"nb", "da"})
    void aFinalReportWithCommentsShowsThemBeforeTheSignaturesAndNeverSaysThereWereNone(String language) {
        String comments = "Jeg er enig i det meste, men jeg tåler ikke tunge løft over tid.";
        String text = render("final-report", language, Map.of("participantComments", comments));
        assertThat(text).contains(comments).doesNotContainIgnoringCase("ingen kommentarer")
                .doesNotContain(pick(language, "ikke gitt kommentarer", "endnu ikke givet kommentarer"));
        assertThat(text.indexOf(comments)).isGreaterThan(text.indexOf(pick(language, "Deltakerens kommentarer", "Borgerens kommentarer")))
                .isLessThan(text.indexOf(SIGNATURE_LINE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nb", "da"})
    void aFinalReportWithoutCommentsYetSaysSoAndClaimsNothingThatHasNotHappened(String language) {
        String text = render("final-report", language, Map.of("participantComments", ""));
        assertThat(text).contains(pick(language, "Deltakeren har ikke gitt kommentarer til rapporten ennå.",
                "Borgeren har endnu ikke givet kommentarer til rapporten."));
        assertThat(text).doesNotContainIgnoringCase("ingen kommentarer").doesNotContain("tilbud om");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nb", "da"})
    void everyConclusionOfAFinalReportIsASentenceInTheLanguageNeverItsCode(String language) {
        FieldSpec conclusion = field("final-report", "conclusion");
        assertThat(conclusion.options()).contains("disability-benefit", "sheltered-work", "education", "ordinary-work",
                "medical-treatment");
        List<String> sentences = new ArrayList<>();
        for (String option : conclusion.options()) {
            String text = render("final-report", language, Map.of("conclusion", option));
            assertThat(text).doesNotContain(option);
            String sentence = between(text, pick(language, "Konklusjon", "Konklusion"), "Første linje for conclusionText");
            assertThat(sentence).as(option).isNotBlank().endsWith(".");
            assertThat(conclusion.optionLabel(option, language)).as(option).isNotEqualTo(option);
            sentences.add(sentence);
        }
        assertThat(sentences).as("one sentence per outcome").doesNotHaveDuplicates()
                .anyMatch(sentence -> sentence.contains(pick(language, "uføretrygd", "førtidspension")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nb", "da"})
    void aPlanWithoutCommentsDoesNotSayTheParticipantWasOfferedToCommentAndHadNone(String language) {
        String text = render("plan", language, Map.of("participantComments", ""));
        assertThat(text).doesNotContainIgnoringCase("ingen kommentarer").doesNotContain("tilbud om");
        assertThat(text).contains(pick(language, "Deltakeren har ikke skrevet egne kommentarer",
                "Borgeren har ikke skrevet egne kommentarer"));
        String comments = "Jeg vil gjerne prøve kantina før lageret.";
        assertThat(render("plan", language, Map.of("participantComments", comments)).indexOf(comments))
                .isPositive().isLessThan(render("plan", language, Map.of("participantComments", comments)).indexOf(SIGNATURE_LINE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nb", "da"})
    void theMeetingDecisionIsNotTitledAVedtakWhileSayingItIsNone(String language) {
        String title = CATALOGUE.shipped("meeting-decision").orElseThrow().manifest().title(language);
        assertThat(title).doesNotContainIgnoringCase("vedtak").doesNotContainIgnoringCase("afgørelse").containsIgnoringCase("beslutning");
        String text = render("meeting-decision", language, Map.of());
        assertThat(text).contains(title, pick(language, "Dette referatet er ikke et vedtak fra NAV", "Dette referat er ikke en afgørelse"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nb", "da"})
    void theComplaintFormSaysHowItIsHandledOnceWithTheRightDeadlines(String language) {
        String text = render("complaint", language, Map.of());
        assertThat(count(text, pick(language, "Slik behandler vi klagen din", "Sådan behandler vi din klage"))).isEqualTo(1);
        // The organisation's own routine (in the demo profile) says the same again: it is not printed here.
        assertThat(text).doesNotContain(pick(language, "snakk først med veilederen din", "tal først med din vejleder"));
        assertThat(count(text, pick(language, "skriftlig svar", "skriftligt svar"))).isEqualTo(1);
        assertThat(text).contains(pick(language, "skriftlig svar senest fire uker etter at vi mottok klagen",
                        "skriftligt svar senest fire uger efter, at vi har modtaget klagen"),
                pick(language, "senest 30 dager etter at tiltaket ditt er avsluttet", "senest 30 dage efter, at dit forløb er afsluttet"));
        assertThat(text).doesNotContain(pick(language, "svar innen 30 dager", "svar inden 30 dage"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nb", "da"})
    void theComplaintAnswerSaysTheAnswerIsDueWithinFourWeeks(String language) {
        String text = render("complaint-answer", language, Map.of());
        assertThat(text).contains(pick(language, "svar senest fire uker etter at vi mottok klagen",
                "svar senest fire uger efter, at vi har modtaget klagen"));
        assertThat(text).doesNotContain("30 dager", "30 dage");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nb", "da"})
    void theCompetenceCertificateForEmployersShowsNoBirthDateAndNoProgramme(String language) {
        String text = render("competence-certificate", language, Map.of());
        assertThat(text).contains("Åse Ærø Bjørnstad", "Prøve workplace på Ærø")
                .doesNotContain("05.04.1990", "1990", "født", Programme.displayName("AFT", language));
    }

    @Test
    void theNoticePeriodIsAFactOfItsOwnNotAFragmentInsideASentence() {
        String text = render("employment-agreement", "da", Map.of("noticePeriod", "Efter funktionærloven"));
        assertThat(text).contains("Opsigelsesvarsel Efter funktionærloven").doesNotContain("varslet er Efter");
        String norwegian = render("employment-agreement", "nb", Map.of("noticePeriod", "Etter arbeidsmiljøloven"));
        assertThat(norwegian).contains("Oppsigelsesfrist Etter arbeidsmiljøloven").doesNotContain("fristen er Etter");
        assertThat(norwegian).as("the position is a fact of its own too").doesNotContain(" som Prøve position");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nb", "da"})
    void everyGoalStatusInAProgressReportIsAWholeSentenceNeverItsCode(String language) {
        FieldSpec status = column(field("progress-report", "goals"), "status");
        assertThat(status.options()).contains("reached", "progressing", "not-started", "changed");
        List<String> sentences = new ArrayList<>();
        for (String option : status.options()) {
            String text = render("progress-report", language,
                    Map.of("goals", List.of(Map.of("goal", "Ta truckførerbevis", "status", option))));
            String sentence = between(text, "Ta truckførerbevis", "–"); // the empty comment prints a dash
            assertThat(sentence).as(option).isNotBlank().endsWith(".").doesNotContain(option);
            assertThat(Pattern.compile("\\b" + Pattern.quote(option) + "\\b").matcher(text).find()).as(option + " printed as a code")
                    .isFalse();
            sentences.add(sentence);
        }
        assertThat(sentences).as("one sentence per status").doesNotHaveDuplicates()
                .contains(pick(language, "Målet er nådd.", "Målet er nået."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nb", "da"})
    void aProgressReportShowsAttendanceTheParticipantsViewAndWhoAttended(String language) {
        String view = "Jeg trives på lageret, men vil ha færre dager i kantina.";
        String text = render("progress-report", language, Map.of("plannedDays", 58, "daysPresent", "49", "absenceValid", 7,
                "absenceOther", 0, "participantView", view, "attendees", List.of("Åse Ærø Bjørnstad, deltaker", "Lise Haug, NAV")));
        assertThat(text).contains(pick(language, "Avtalte oppmøtedager i perioden 58", "Aftalte fremmødedage i perioden 58"),
                pick(language, "Dager deltakeren møtte 49", "Dage borgeren mødte 49"),
                pick(language, "innvilget permisjon) 7", "aftalt fravær) 7"),
                pick(language, "uten beskjed 0", "uden besked 0"));
        assertThat(text).contains(view, "Åse Ærø Bjørnstad, deltaker", "Lise Haug, NAV")
                .doesNotContain(pick(language, "har ikke gitt en egen vurdering", "har ikke givet en egen vurdering"));
        assertThat(text.indexOf(view)).isGreaterThan(text.indexOf(pick(language, "Deltakerens egen vurdering", "Borgerens egen vurdering")))
                .isLessThan(text.indexOf(SIGNATURE_LINE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nb", "da"})
    void aProgressReportWithoutTheOptionalPartsSaysWhatIsNotThereAndClaimsNothingElse(String language) {
        String text = render("progress-report", language, Map.of("participantView", "", "attendees", "", "goals", "", "plannedDays", "",
                "daysPresent", "", "absenceValid", "", "absenceOther", ""));
        assertThat(text).contains(pick(language, "Deltakeren har ikke gitt en egen vurdering i denne rapporten.",
                        "Borgeren har ikke givet en egen vurdering i denne rapport."),
                pick(language, "Oppmøte og fravær er ikke ført opp for perioden.", "Fremmøde og fravær er ikke angivet for perioden."),
                pick(language, "Ingen delmål er vurdert i denne rapporten.", "Ingen delmål er vurderet i denne rapport."));
        assertThat(text).doesNotContain(pick(language, "Til stede i møtet:", "Til stede på mødet:"))
                .doesNotContain(pick(language, "er gjennomgått med deltakeren", "er gennemgået med borgeren"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nb", "da"})
    void thePlanGoesThroughEveryQualityOfLifeAreaOfTheVekstMelhusConcept(String language) {
        FieldSpec area = column(field("plan", "lifeAreas"), "area");
        assertThat(area.options()).hasSize(8);
        String situation = "Ubetalte regninger gir mye uro.";
        String text = render("plan", language, Map.of("lifeAreas", List.of(Map.of("area", "material-wellbeing", "situation", situation,
                "goal", "Time hos økonomirådgiver i mars."))));
        for (String option : area.options()) {
            assertThat(text).as(option).contains(area.optionLabel(option, language)).doesNotContain(option);
        }
        assertThat(text).contains(pick(language, "Materiell tilfredshet " + situation, "Materielt velbefindende " + situation),
                "Time hos økonomirådgiver i mars.");
        assertThat(count(text, pick(language, "Ikke aktuelt i denne perioden.", "Ikke aktuelt i denne periode."))).as("the other seven")
                .isEqualTo(7);
        assertThat(text.indexOf("Livskvalitet")).isLessThan(text.indexOf(pick(language, "Delmål og tiltak", "Delmål og indsatser")));
    }

    /** Every option of every shipped template: the PDF never shows an option's code where its wording is no word of it. */
    @Test
    void noChoiceIsPrintedAsItsCode() {
        List<String> printed = new ArrayList<>();
        for (TemplateCatalogue.Template template : CATALOGUE.shipped()) {
            for (FieldSpec field : template.manifest().fields()) {
                for (Map.Entry<FieldSpec, Object> choice : choices(field)) {
                    FieldSpec choiceField = choice.getKey();
                    String option = String.valueOf(choice.getValue());
                    for (String language : template.manifest().languages()) {
                        String label = choiceField.optionLabel(option, language);
                        if (Pattern.compile("(?i)\\b" + Pattern.quote(option) + "\\b").matcher(label).find()) {
                            continue; // the code is a word of its own wording ("Medhold", "Ingen prøvetid")
                        }
                        String text = render(template.manifest().id(), language, Map.of(field.name(), value(template.manifest(), field,
                                choiceField, option)));
                        if (Pattern.compile("\\b" + Pattern.quote(option) + "\\b").matcher(text).find()) {
                            printed.add(template.manifest().id() + "." + field.name() + "." + choiceField.name() + "=" + option + " ("
                                    + language + ")");
                        }
                    }
                }
            }
        }
        assertThat(printed).isEmpty();
    }

    private static String render(String templateId, String language, Map<String, Object> overrides) {
        TemplateCatalogue.Template template = CATALOGUE.shipped(templateId).orElseThrow();
        Map<String, Object> raw = new HashMap<>(SampleData.full(template.manifest()));
        overrides.forEach((name, value) -> {
            if ("".equals(value)) {
                raw.remove(name);
            } else {
                raw.put(name, value);
            }
        });
        String profile = "da".equals(language) ? "/demo/profile-vestera.yaml" : "/demo/profile-lysheim.yaml";
        RenderContext context = new RenderContext(language, "Lysheim Arbeid AS", "Åse Ærø Bjørnstad", BIRTH_DATE, "AFT",
                Programme.displayName("AFT", language), LocalDate.of(2026, 1, 5), "Øystein Brænne", LocalDate.of(2026, 11, 23),
                ProfileService.templateView(DemoData.profile(profile)), FieldValidator.validate(template.manifest(), raw));
        byte[] pdf = RENDERER.render(FILLER.fill(template, context), templateId);
        return PdfChecks.flatText(pdf);
    }

    /** A field's options, or for a table each option of each choice column: (the choice, the option). */
    private static List<Map.Entry<FieldSpec, Object>> choices(FieldSpec field) {
        List<Map.Entry<FieldSpec, Object>> choices = new ArrayList<>();
        List<FieldSpec> choiceFields = field.type() == FieldType.TABLE ? field.columns() : List.of(field);
        for (FieldSpec choice : choiceFields) {
            choice.options().forEach(option -> choices.add(Map.entry(choice, option)));
        }
        return choices;
    }

    /** The field's value with the option chosen: itself, or for a table the sample's first row with the column set to it. */
    private static Object value(TemplateManifest manifest, FieldSpec field, FieldSpec choice, String option) {
        if (field.type() != FieldType.TABLE) {
            return option;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> row = new HashMap<>(((List<Map<String, Object>>) SampleData.full(manifest).get(field.name())).get(0));
        row.put(choice.name(), option);
        return List.of(row);
    }

    private static FieldSpec column(FieldSpec table, String name) {
        return table.columns().stream().filter(column -> column.name().equals(name)).findFirst().orElseThrow();
    }

    private static FieldSpec field(String templateId, String name) {
        return CATALOGUE.shipped(templateId).orElseThrow().manifest().fields().stream()
                .filter(field -> field.name().equals(name)).findFirst().orElseThrow();
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        int to = text.indexOf(end, from);
        assertThat(from).as(start).isNotNegative();
        assertThat(to).as(end).isPositive();
        return text.substring(from + start.length(), to).strip();
    }

    private static int count(String text, String part) {
        Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    private static String pick(String language, String norwegian, String danish) {
        return "da".equals(language) ? danish : norwegian;
    }
}
