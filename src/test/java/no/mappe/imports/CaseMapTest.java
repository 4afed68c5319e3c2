package no.mappe.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import no.mappe.errors.InvalidFields;
import org.junit.jupiter.api.Test;

/** The case map as Excel and other exports write it. */
class CaseMapTest {

    @Test
    void excelsSemicolonsWithAByteOrderMarkQuotesAndNorwegianHeadings() {
        CaseMap map = parse("\uFEFFFil;Sak;Dokumenttype;Dato;Tilgangsnivå\r\n\"brev; del 1.txt\";c-1;upload;24.11.2026;3\r\n"
                + "\"sitat \"\"her\"\".txt\";c-2;;;\r\n\r\n");
        assertThat(map.rows()).hasSize(2);
        assertThat(map.rows().get(0)).extracting(CaseMap.Row::line, CaseMap.Row::file, CaseMap.Row::caseId, CaseMap.Row::date,
                CaseMap.Row::accessLevel, CaseMap.Row::problem).containsExactly(2, "brev; del 1.txt", "c-1", "24.11.2026", "3", null);
        assertThat(map.rows().get(1).file()).isEqualTo("sitat \"her\".txt");
        assertThat(Dates.parse("24.11.2026")).contains(java.time.LocalDate.of(2026, 11, 24));
        assertThat(Dates.parse("24-11-2026")).contains(java.time.LocalDate.of(2026, 11, 24));
    }

    @Test
    void commasAndAReferenceInsteadOfACaseId() {
        CaseMap map = parse("file,reference,type\na.txt,NAV-2019-77,upload\n");
        assertThat(map.rows().get(0).reference()).isEqualTo("NAV-2019-77");
        assertThat(map.rows().get(0).caseId()).isEmpty();
    }

    @Test
    void aBadRowIsMarkedAndOnlyTheApiRefusesTheWholeMap() {
        CaseMap map = parse("fil;sak;dato;tilgangsnivå\na.txt;c-1;2026-02-30;3\nb.txt;c-1;;7\nc.txt;;;\nd.txt;c-1;;3;x\n");
        assertThat(map.rows()).extracting(CaseMap.Row::problem).containsExactly(Failure.DATE_INVALID, Failure.ACCESS_LEVEL_INVALID,
                Failure.ROW_NO_CASE, Failure.ROW_FIELDS);
        assertThatThrownBy(map::requireWellFormed).isInstanceOf(InvalidFields.class).hasMessageContaining("line 2");
    }

    @Test
    void aBrokenFileIsRefusedNamingTheLine() {
        assertThatThrownBy(() -> parse("sak;dato\nc-1;2026-01-01\n")).isInstanceOf(InvalidFields.class)
                .satisfies(e -> assertThat(((InvalidFields) e).errors().get(0).message()).startsWith("line 1:"));
        assertThatThrownBy(() -> parse("fil;sak\na.txt;c-1\n\"b.txt;c-2\n")).isInstanceOf(InvalidFields.class)
                .satisfies(e -> assertThat(((InvalidFields) e).errors().get(0).message()).startsWith("line 3:"));
        assertThatThrownBy(() -> CaseMap.parse(new byte[] {'f', 'i', 'l', '\n', (byte) 0xE6, '\n'})).isInstanceOf(InvalidFields.class)
                .satisfies(e -> assertThat(((InvalidFields) e).errors().get(0).message()).contains("UTF-8"));
    }

    private static CaseMap parse(String csv) {
        return CaseMap.parse(csv.getBytes(StandardCharsets.UTF_8));
    }
}
