package no.mappe.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import no.mappe.untrusted.ChildProcesses;
import org.junit.jupiter.api.Test;

/** The parent's guard on what a child sends back, on the real path through Tika's client. */
class TextExtractorTest {

    @Test
    void aReplyLargerThanTheFilterAllowsIsNotReadAndTheChildIsReplaced() {
        // a generous time limit: this is about the reply, and a busy machine parses 18 MB slowly
        try (TextExtractor extractor = new TextExtractor(new ChildProcesses(2, Duration.ofSeconds(10)), Duration.ofSeconds(60), 1, 0)) {
            String page = "<html><head><title>" + "Tittel ".repeat(2_600_000) + "</title></head><body><p>Brev fra NAV</p></body></html>";
            TextExtractor.Result oversized = extractor.extract(page.getBytes(StandardCharsets.UTF_8));
            assertThat(oversized.outcome()).as("18 MB of metadata refused by the reply filter").isEqualTo(TextExtractor.Outcome.UNREADABLE);
            TextExtractor.Result next = extractor.extract("Brev fra NAV Heimdal".getBytes(StandardCharsets.UTF_8));
            assertThat(next).isEqualTo(new TextExtractor.Result(TextExtractor.Outcome.TEXT, "Brev fra NAV Heimdal"));
        }
    }
}
