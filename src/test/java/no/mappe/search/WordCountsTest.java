package no.mappe.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The packed word lists answer exactly as the map they were made from, for every word held and many that are not. */
class WordCountsTest {

    @Test
    void everyWordOfTheShippedListsHasItsCountAndEveryOtherStringHasNone() throws IOException {
        for (String list : new String[] {"/search/compound-parts-nb.txt", "/search/compound-parts-da.txt"}) {
            Map<String, Integer> begins = new HashMap<>();
            try (InputStream in = WordCountsTest.class.getResourceAsStream(list)) {
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    String[] fields = line.split("\t");
                    if (!line.startsWith("#") && fields.length == 3 && Integer.parseInt(fields[1]) > 0) {
                        begins.put(fields[0], Integer.parseInt(fields[1]));
                    }
                }
            }
            assertThat(begins).as(list).hasSizeGreaterThan(1000);
            WordCounts packed = WordCounts.of(begins);
            assertThat(packed.size()).isEqualTo(begins.size());
            int misses = 0;
            for (String word : begins.keySet()) {
                assertThat(packed.of(word)).as(word).isEqualTo(begins.get(word));
                // Every cut of the word and the word with a letter more: held or not, as the map says.
                for (int end = 1; end < word.length(); end++) {
                    String cut = word.substring(0, end);
                    assertThat(packed.of(cut)).as(cut).isEqualTo(begins.getOrDefault(cut, 0));
                    misses += begins.containsKey(cut) ? 0 : 1;
                }
                assertThat(packed.of(word + "e")).isEqualTo(begins.getOrDefault(word + "e", 0));
            }
            assertThat(misses).as("strings not held that were looked up").isGreaterThan(1000);
        }
    }

    @Test
    void wordsWithTheSameHashAreTold() {
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        WordCounts packed = WordCounts.of(Map.of("Aa", 1, "BBBB", 2, "AaBB", 3, "BBAa", 4, "", 5));
        assertThat(packed.of("Aa")).isEqualTo(1);
        assertThat(packed.of("BB")).isZero();
        assertThat(packed.of("BBBB")).isEqualTo(2);
        assertThat(packed.of("AaAa")).isZero();
        assertThat(packed.of("AaBB")).isEqualTo(3);
        assertThat(packed.of("BBAa")).isEqualTo(4);
        assertThat(packed.of("")).isEqualTo(5);
        assertThat(WordCounts.of(Map.of()).of("ord")).isZero();
        assertThatThrownBy(() -> WordCounts.of(Map.of("null", 0))).isInstanceOf(IllegalArgumentException.class);
    }
}
