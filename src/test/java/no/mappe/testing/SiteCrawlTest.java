package no.mappe.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The route patterns the crawl tells pages apart by: one case page is one page, whichever case it shows. */
class SiteCrawlTest {

    @Test
    void idsNumbersTemplatesAndTheQueryAreReplacedOrDropped() {
        assertThat(SiteCrawl.pattern("/cases/7d1f0c3e-0000-4000-9000-000000000201")).isEqualTo("/cases/{id}");
        assertThat(SiteCrawl.pattern("/cases/7d1f0c3e-0000-4000-9000-000000000201/new/progress-report"))
                .isEqualTo("/cases/{id}/new/{template}");
        assertThat(SiteCrawl.pattern("/templates/consent/texts?language=da")).isEqualTo("/templates/{template}/texts");
        assertThat(SiteCrawl.pattern("/api/documents/7D1F0C3E-0000-4000-9000-000000000201/versions/3/pdf"))
                .isEqualTo("/api/documents/{id}/versions/{n}/pdf");
        assertThat(SiteCrawl.pattern("/statistics?year=2019#table")).isEqualTo("/statistics");
        assertThat(SiteCrawl.pattern("/")).isEqualTo("/");
    }

    @Test
    void pagesWithAWordWhereAnIdCouldBeKeepTheirWord() {
        assertThat(SiteCrawl.pattern("/cases/new")).isEqualTo("/cases/new");
        assertThat(SiteCrawl.pattern("/complaints/new")).isEqualTo("/complaints/new");
        assertThat(SiteCrawl.pattern("/templates")).isEqualTo("/templates");
        assertThat(SiteCrawl.pattern("/organisation/sign-in")).isEqualTo("/organisation/sign-in");
    }
}
