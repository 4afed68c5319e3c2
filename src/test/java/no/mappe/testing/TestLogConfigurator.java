package no.mappe.testing;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;
import no.mappe.ops.Logs;

/**
 * The tests' log (ahead of the service's own {@code LogConfigurator}, on the test classpath only):
 * as an installation's, with a shorter time and without one access line per request (thousands in a
 * full run) or the test PostgreSQL server's start-up chatter. A service process started with
 * {@link #AS_INSTALLED} logs as an installation does, for the tests that read that log.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class TestLogConfigurator extends ContextAwareBase implements Configurator {

    /** The JVM option for a service process that logs as an installation does. */
    public static final String AS_INSTALLED = "-Dmappe.test.logAsInstalled=true";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (Boolean.getBoolean("mappe.test.logAsInstalled") || System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY) != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        Logs.toConsole(context, Logs.text(context, "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n"),
                Map.of("no.mappe.web.RequestLog", Level.WARN, "io.zonky", Level.WARN));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
