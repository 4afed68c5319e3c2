package no.mappe.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import no.mappe.security.OrganisationProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snippets start below the organisation's letterhead; a text without it keeps its opening. */
class LetterheadTest {

    /** The text of a generated document as XhtmlText gives it: page footer, letterhead, title, facts, then running text. */
    private static final String GENERATED = """
            Lysheim Arbeid AS · Samtykkeerklæring
            Lysheim Arbeid AS
            Verkstedveien 4, 7080 Heimdal · tlf. 72 00 11 22 · post@lysheim-arbeid.example
            Samtykkeerklæring
            Navn
            Kari Nordmann
            Veileder
            Øystein Brænne
            Jeg samtykker i at Lysheim Arbeid AS deler opplysninger med NAV Heimdal om oppfølgingen.""";
    private static final Letterhead LYSHEIM = Letterhead.of("Lysheim Arbeid AS", new OrganisationProfile("Lysheim Arbeid AS", null,
            "Verkstedveien 4\n7080 Heimdal", "72 00 11 22", "post@lysheim-arbeid.example", null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, 0));

    @TempDir
    Path dir;
    private SearchIndex index;

    @BeforeEach
    void open() {
        index = SearchIndex.open(dir);
    }

    @AfterEach
    void close() {
        index.close();
    }

    @Test
    void withoutAMatchTheSnippetStartsAtTheFirstParagraphBelowTheLetterhead() {
        assertThat(Snippets.of(GENERATED, "", "nb", Map.of(), LYSHEIM)).startsWith("Jeg samtykker i at Lysheim Arbeid AS deler");
        assertThat(Snippets.of(GENERATED, "", "nb", Map.of(), Letterhead.NONE)).as("as before, without the organisation's lines")
                .startsWith("Lysheim Arbeid AS · Samtykkeerklæring");
    }

    @Test
    void aMatchBelowTheLetterheadIsPreferredAndOneOnlyInItIsStillShown() {
        assertThat(Snippets.of(GENERATED, "Heimdal", "nb", Map.of(), LYSHEIM)).contains("NAV <mark>Heimdal</mark>")
                .doesNotContain("7080");
        assertThat(Snippets.of(GENERATED, "tlf", "nb", Map.of(), LYSHEIM)).contains("<mark>tlf</mark>");
    }

    @Test
    void aTextWithoutTheOrganisationsLinesKeepsItsOpening() {
        String upload = """
                Heimdal legesenter
                Storgata 1, 7080 Heimdal
                Vedrørende Kari Nordmann
                Pasienten har vært til kontroll og kan øke arbeidstiden gradvis fra neste måned.""";
        assertThat(Snippets.of(upload, "", "nb", Map.of(), LYSHEIM)).startsWith("Heimdal legesenter Storgata 1");
    }

    @Test
    void anAddressOrEmailIsNotTakenForRunningText() {
        String older = """
                Lysheim Arbeid AS
                Gamle Kongevei 12, 7000 Trondheim · post@gammel-adresse-lysheim.example · www.gammel-adresse-lysheim.example
                Samtykkeerklæring
                Jeg samtykker i at opplysninger om oppfølgingen deles med NAV.""";
        assertThat(Snippets.of(older, "", "nb", Map.of(), LYSHEIM)).startsWith("Jeg samtykker");
    }

    @Test
    void aLetterheadWithoutRunningTextBelowItIsStillSkipped() {
        String shortForm = "Lysheim Arbeid AS · Utstyrskvittering\nLysheim Arbeid AS\nUtstyrskvittering\nVernesko\nArbeidsbukse";
        assertThat(Snippets.of(shortForm, "", "nb", Map.of(), LYSHEIM)).isEqualTo("Utstyrskvittering Vernesko Arbeidsbukse");
    }
}
