package no.mappe.ops;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * logback's configuration when Mappe starts (found through {@code META-INF/services}): text lines
 * to standard output as {@link Logs} shapes them. An operator's own logback file still wins: with
 * {@code -Dlogback.configurationFile=...} this steps aside and logback reads that file.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY) != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        Logs.toConsole(context, Logs.text(context, Logs.TEXT_PATTERN), Map.of());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
