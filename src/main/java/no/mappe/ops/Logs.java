package no.mappe.ops;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import no.mappe.config.Config;
import no.mappe.errors.StartupRefused;
import org.slf4j.LoggerFactory;

/**
 * Chooses the shape of the service's log lines once its configuration is read: logback starts
 * with {@code logback.xml} (text), and {@code MAPPE_LOG_FORMAT=json} swaps it for
 * {@code logback-json.xml} before anything else is logged.
 */
public final class Logs {

    private Logs() {
    }

    public static void use(Config.LogFormat format) {
        if (format != Config.LogFormat.JSON || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        URL json = Logs.class.getResource("/logback-json.xml");
        if (json == null) {
            throw new StartupRefused("logback-json.xml is missing from the jar; MAPPE_LOG_FORMAT=json cannot be used");
        }
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(json);
        } catch (JoranException e) {
            throw new StartupRefused("The JSON log configuration could not be loaded: " + e.getMessage(), e);
        }
    }
}
