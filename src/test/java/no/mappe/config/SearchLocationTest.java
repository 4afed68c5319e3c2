package no.mappe.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import no.mappe.errors.StartupRefused;
import org.junit.jupiter.api.Test;

/** MAPPE_SEARCH: the local Lucene index by default, an OpenSearch cluster when named, a refusal that says what is wrong otherwise. */
class SearchLocationTest {

    @Test
    void theLocalIndexUnlessAClusterIsNamed() {
        assertThat(Config.from(Map.of()).search()).isEqualTo(new SearchLocation.LocalIndex());
        assertThat(Config.from(Map.of("MAPPE_SEARCH", "lucene")).search()).isEqualTo(new SearchLocation.LocalIndex());
    }

    @Test
    void aClusterWithItsIndexNameAndCredentialsBesideTheAddress() {
        Config config = Config.from(Map.of("MAPPE_SEARCH", "https://search.example.no:9200/", "MAPPE_SEARCH_INDEX", "tenant-a",
                "MAPPE_SEARCH_USER", "mappe", "MAPPE_SEARCH_PASSWORD", "hemmelig-passord"));
        SearchLocation.OpenSearch cluster = (SearchLocation.OpenSearch) config.search();
        assertThat(cluster.url()).isEqualTo(URI.create("https://search.example.no:9200"));
        assertThat(cluster.index()).isEqualTo("tenant-a");
        assertThat(cluster.password()).contains("hemmelig-passord");
        assertThat(config.toString()).as("the configuration as a log line would show it").doesNotContain("hemmelig")
                .contains("https://search.example.no:9200 (index tenant-a) as mappe");
        assertThat(((SearchLocation.OpenSearch) Config.from(Map.of("MAPPE_SEARCH", "http://127.0.0.1:9200")).search()).index())
                .isEqualTo("mappe");
    }

    @Test
    void whatCannotBeUsedRefusesTheStartAndSaysWhy() {
        assertThatThrownBy(() -> Config.from(Map.of("MAPPE_SEARCH", "solr://search:8983"))).isInstanceOf(StartupRefused.class)
                .hasMessageContaining("OpenSearch");
        assertThatThrownBy(() -> Config.from(Map.of("MAPPE_SEARCH", "https://mappe:hemmelig@search:9200")))
                .isInstanceOf(StartupRefused.class).hasMessageContaining("MAPPE_SEARCH").hasMessageNotContaining("hemmelig");
        assertThatThrownBy(() -> Config.from(Map.of("MAPPE_SEARCH", "http://search:9200", "MAPPE_SEARCH_INDEX", "Tenant A")))
                .isInstanceOf(StartupRefused.class).hasMessageContaining("MAPPE_SEARCH_INDEX");
        assertThatThrownBy(() -> Config.from(Map.of("MAPPE_SEARCH_PASSWORD", "x"))).isInstanceOf(StartupRefused.class)
                .hasMessageContaining("names no cluster");
    }
}
