package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A message continued on the next line ({@code \} at the end) loses the next line's leading spaces, so
 * {@code "arkivplanen:\"} then {@code "    tavshedserklæringen"} showed "arkivplanen:tavshedserklæringen"
 * on the staff folder page: the space has to stand before the backslash.
 */
class MessageBundlesTest {

    @Test
    void aContinuedMessageKeepsTheSpaceBetweenItsLines() throws IOException {
        List<String> joined = new ArrayList<>();
        for (String bundle : List.of("messages_nb.properties", "messages_da.properties")) {
            List<String> lines = Files.readAllLines(Path.of("src/main/resources/pages", bundle), StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.endsWith("\\") && !line.endsWith("\\\\") && !line.endsWith(" \\")) {
                    joined.add(bundle + ":" + (i + 1) + ": " + line);
                }
            }
        }
        assertThat(joined).as("continued without a space before the backslash").isEmpty();
    }
}
