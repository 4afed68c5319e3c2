package no.mappe.minutes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.mappe.minutes.PersonalDataCheck.Finding;
import no.mappe.minutes.PersonalDataCheck.Kind;
import org.junit.jupiter.api.Test;

class PersonalDataCheckTest {

    private static final List<String> KNOWN = List.of("Kari Nordmann", "Per-Olav Dahl", "Søren Ærø Kjærgaard");

    private static List<Finding> check(String text) {
        return PersonalDataCheck.check(Map.of("notes", text), KNOWN);
    }

    @Test
    void aKnownParticipantsFullNameIsFoundAndHerInitialsOffered() {
        List<Finding> findings = check("Saken til Kari Nordmann ble drøftet.");
        assertThat(findings).containsExactly(new Finding("notes", Kind.KNOWN_NAME, "Kari Nordmann", "K.N."));
        assertThat(PersonalDataCheck.savable(findings, true)).as("a known name cannot be confirmed away").isFalse();
    }

    @Test
    void knownNamesAreFoundWhateverTheCaseAndWithDanishLettersAndHyphens() {
        assertThat(check("kari nordmann og PER-OLAV DAHL")).extracting(Finding::initials).containsExactly("K.N.", "P.-O.D.");
        assertThat(check("Mødet med Søren Ærø Kjærgaard.")).extracting(Finding::initials).containsExactly("S.Æ.K.");
    }

    @Test
    void aGenericFirstLastPatternIsAWarningTheWriterMayConfirm() {
        List<Finding> findings = check("Innspill fra Ola Hansen om kantina.");
        assertThat(findings).containsExactly(new Finding("notes", Kind.NAME_LIKE, "Ola Hansen", "O.H."));
        assertThat(PersonalDataCheck.savable(findings, false)).isFalse();
        assertThat(PersonalDataCheck.savable(findings, true)).isTrue();
    }

    @Test
    void birthNumbersAreAlwaysRefusedNorwegianAndDanish() {
        List<Finding> norwegian = check("Fnr 01028012345 og 010280 12345.");
        assertThat(norwegian).extracting(Finding::kind).containsExactly(Kind.BIRTH_NUMBER, Kind.BIRTH_NUMBER);
        assertThat(check("CPR 010280-1234.")).extracting(Finding::kind).containsExactly(Kind.BIRTH_NUMBER);
        assertThat(PersonalDataCheck.savable(check("CPR 010280-1234."), true)).isFalse();
        assertThat(check("Budsjett 2026: 1200000 kroner, telefon 73 00 00 00, sak 123456789012.")).isEmpty();
    }

    @Test
    void initialsAndOrdinaryWordsPass() {
        assertThat(check("K.N. møtte presis. AMU behandlet saken. Neste møte i Trondheim.")).isEmpty();
        assertThat(PersonalDataCheck.savable(List.of(), false)).isTrue();
    }

    @Test
    void listsAndTableCellsAreNamedByRowAndColumn() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("attendees", List.of("K.N.", "Kari Nordmann"));
        fields.put("items", List.of(Map.of("topic", "Lønn"), Map.of("topic", "Saken til Per-Olav Dahl")));
        assertThat(PersonalDataCheck.check(fields, KNOWN)).extracting(Finding::field).containsExactly("attendees", "items[2].topic");
    }
}
