package no.mappe.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/** The scan that every browser test runs on every page: it finds English and ids, and lets Norwegian and Danish pass. */
class LanguageScanTest {

    private final LanguageScan scan = LanguageScan.standard();

    @Test
    void findsAnEnglishWordInAnyCase() {
        assertThat(scan.findings("Dokumentet er lagret. Status: SIGNED")).singleElement().asString().contains("English word 'SIGNED'");
        assertThat(scan.findings("Save the document")).hasSize(3);
        assertThat(scan.findings("Alder: N/A")).singleElement().asString().contains("'N/A'");
    }

    @Test
    void findsIdsAndCodes() {
        assertThat(scan.findings("Sak 7d1f0c3e-0000-4000-9000-000000000201 er åpnet")).anyMatch(f -> f.startsWith("UUID"));
        assertThat(scan.findings("Sjekksum 9f86d081884c7d659a2feaa0c55ad015")).anyMatch(f -> f.startsWith("hex id"));
        assertThat(scan.findings("Mal: progress-report")).anyMatch(f -> f.startsWith("code 'progress-report'"));
        assertThat(scan.findings("Konklusjon: ordinary-work")).singleElement().asString().startsWith("code 'ordinary-work'");
        assertThat(scan.findings("Hva klagen gjelder: oppfolging")).singleElement().asString().contains("'oppfolging'");
        assertThat(scan.findings("Rolle: COUNSELLOR, PROGRAMME_LEADER")).anyMatch(f -> f.startsWith("English word 'COUNSELLOR'"))
                .anyMatch(f -> f.startsWith("enum name 'PROGRAMME_LEADER'"));
        assertThat(scan.findings("Felt periodFrom mangler")).singleElement().asString().startsWith("field name 'periodFrom'");
        assertThat(scan.findings("Statistikk for 2\u00a0026")).singleElement().asString().startsWith("year with a thousands separator");
        assertThat(scan.findings("Statistik for 2.026")).singleElement().asString().startsWith("year with a thousands separator");
    }

    @Test
    void letsNorwegianDanishAndTheAllowedPhrasesPass() {
        assertThat(scan.findings("""
                Fremdriftsrapport for Kari Nordmann, 01.01.2026–30.06.2026. Status: Signert. Last ned PDF eller DOCX.
                Send e-post til NAV-veilederen. Statusrapport for Jens Fjordbæk: underskrevet af borgeren.
                Statistik for 2026: 1 234 dokumenter. Søg i arkivet. Mine sager. Velkommen til Mappe.""")).isEmpty();
        assertThat(scan.findings("Kontakt: post@lysheim-arbeid.example eller https://lysheim.example/the-help")).as("addresses are data")
                .isEmpty();
        assertThat(scan.findings("Skriv til post@lysheim-arbeid.example, please")).as("but only the address")
                .singleElement().asString().contains("'please'");
    }

    @Test
    void everyPageTheBrowserShowsIsReadBeforeItChanges() {
        try (Browser browser = Browser.open("http://localhost")) {
            ChromeDriver driver = browser.driver();
            driver.get("data:text/html;charset=utf-8,<title>Sak</title><main><p>Alt er i orden.</p></main>");
            driver.get("data:text/html;charset=utf-8,<main><p>Lagre</p><button>Save</button></main>");
            assertThat(driver.findElement(By.tagName("button")).getText()).as("a look does not read").isEqualTo("Save");
            assertThatThrownBy(() -> driver.get("data:text/html;charset=utf-8,<main><p>Neste side</p></main>"))
                    .as("a visit, not an opt-in call: read before the browser leaves it").isInstanceOf(AssertionError.class)
                    .hasMessageContaining("'Save'");
            driver.get("data:text/html;charset=utf-8,<main><p>Neste side</p></main>");
            driver.executeScript("document.querySelector('main').insertAdjacentHTML('beforeend',"
                    + " '<p>7d1f0c3e-0000-4000-9000-000000000201</p>')");
            assertThatThrownBy(() -> driver.findElement(By.tagName("main")).click()).as("a page that changes is read again")
                    .isInstanceOf(AssertionError.class).hasMessageContaining("UUID");
            driver.get("data:text/html;charset=utf-8,<main><p>Kodene:</p><ul translate='no'><li>tcfs6-afguy</li></ul></main>");
            driver.get("data:text/html;charset=utf-8,<select aria-label='Velg'><option>none</option>");
            assertThatThrownBy(() -> driver.navigate().refresh()).as("option texts").isInstanceOf(AssertionError.class)
                    .hasMessageContaining("'none'");
        }
    }

    @Test
    void theLastPageIsReadWhenTheBrowserCloses() {
        Browser browser = Browser.open("http://localhost");
        browser.driver().get("data:text/html;charset=utf-8,<main><p>Lagret</p><button>Save</button></main>");
        assertThatThrownBy(browser::close).as("no later command read it").isInstanceOf(AssertionError.class)
                .hasMessageContaining("'Save'");
    }
}
