package no.mappe.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import no.mappe.errors.RenderRefused;
import org.junit.jupiter.api.Test;

/**
 * The XML parsers behind {@link XhtmlText#parse} are reused: threads parsing at the same moment each get their own
 * document, a parser that met a malformed document parses the next one correctly, and nothing is printed.
 */
class XhtmlParsersTest {

    private static final int THREADS = 8;
    private static final int EACH = 200;

    @Test
    void parsesAtTheSameTimeEachGetTheirOwnDocumentAndAMalformedOneSpoilsNothing() throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<Integer>> results = new ArrayList<>();
        PrintStream standardError = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            for (int thread = 0; thread < THREADS; thread++) {
                int id = thread;
                results.add(pool.submit(() -> {
                    start.await();
                    int refused = 0;
                    for (int i = 0; i < EACH; i++) {
                        String mark = "t" + id + "-" + i;
                        if (i % 3 == 0) {
                            assertThatThrownBy(() -> XhtmlText.parse("<html xmlns=\"http://www.w3.org/1999/xhtml\"><p>" + mark
                                    + "</html>", "parsers-test")).isInstanceOf(RenderRefused.class)
                                    .hasMessageContaining("not well-formed XHTML");
                            refused++;
                        } else {
                            org.w3c.dom.Document document = XhtmlText.parse("<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p id=\""
                                    + mark + "\">Åse " + mark + "</p></body></html>", "parsers-test");
                            assertThat(document.getDocumentElement().getNamespaceURI()).isEqualTo(OutputAllowList.XHTML);
                            assertThat(document.getDocumentElement().getTextContent()).isEqualTo("Åse " + mark);
                        }
                    }
                    return refused;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo((EACH + 2) / 3);
            }
        } finally {
            System.setErr(standardError);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).as("printed on standard error").isEmpty();
        assertThatThrownBy(() -> XhtmlText.parse("<!DOCTYPE html [<!ENTITY x \"y\">]><html xmlns=\"http://www.w3.org/1999/xhtml\"/>",
                "parsers-test")).as("a reused parser still refuses a DOCTYPE").isInstanceOf(RenderRefused.class);
    }
}
