package no.mappe.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import no.mappe.testing.JavaCommand;
import no.mappe.testing.TestLogConfigurator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The log configuration a JVM of Mappe starts with, read from the output of a JVM of its own: text
 * lines in the installation's pattern, the libraries' chatter held back (through java.util.logging
 * too), and an operator's own logback file used instead when one is given.
 */
class LogConfiguratorTest {

    @TempDir
    Path dir;

    @Test
    void anInstallationLogsTextLinesAndKeepsTheLibrariesQuiet() throws Exception {
        List<String> lines = logOf(TestLogConfigurator.AS_INSTALLED);

        assertThat(lines).anySatisfy(line -> assertThat(line).matches(
                "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[main] n\\.m\\.o\\.LogConfiguratorTest - from Mappe"));
        assertThat(lines).anySatisfy(line -> assertThat(line).endsWith("WARN  [main] org.eclipse.jetty - a warning through JUL"));
        assertThat(lines).anySatisfy(line -> assertThat(line).endsWith("ERROR [main] org.apache.pdfbox - an error through JUL"));
        assertThat(String.join("\n", lines)).doesNotContain("chatter", "\u001b");
    }

    @Test
    void anOperatorsOwnLogbackFileWins() throws Exception {
        Path own = dir.resolve("logback.xml");
        Files.writeString(own, """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>OWN %level %logger %msg%n</pattern></encoder>
                  </appender>
                  <root level="DEBUG"><appender-ref ref="OUT"/></root>
                </configuration>
                """);

        List<String> lines = logOf(TestLogConfigurator.AS_INSTALLED, "-Dlogback.configurationFile=" + own);

        assertThat(lines).contains("OWN INFO no.mappe.ops.LogConfiguratorTest from Mappe",
                "OWN DEBUG org.apache.pdfbox chatter through SLF4J");
    }

    private List<String> logOf(String... jvmOptions) throws IOException, InterruptedException {
        Path output = dir.resolve("output.txt");
        Process process = JavaCommand.of(List.of(jvmOptions), Sample.class).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(String.join("\n", lines)).isZero();
        return lines;
    }

    /** Logs as Mappe and its libraries do: through SLF4J, and through java.util.logging bridged to it as Mappe's main does. */
    public static final class Sample {

        public static void main(String[] args) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
            LoggerFactory.getLogger(LogConfiguratorTest.class).info("from Mappe");
            LoggerFactory.getLogger("org.apache.pdfbox").debug("chatter through SLF4J");
            LoggerFactory.getLogger("io.javalin").info("chatter through SLF4J");
            Logger.getLogger("org.eclipse.jetty").info("chatter through JUL");
            Logger.getLogger("org.eclipse.jetty").warning("a warning through JUL");
            Logger.getLogger("org.apache.pdfbox").warning("chatter through JUL");
            Logger.getLogger("org.apache.pdfbox").severe("an error through JUL");
        }
    }
}
