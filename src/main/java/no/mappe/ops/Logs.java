package no.mappe.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.Map;
import net.logstash.logback.composite.AbstractFieldJsonProvider;
import net.logstash.logback.composite.loggingevent.ArgumentsJsonProvider;
import net.logstash.logback.composite.loggingevent.LogLevelJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggerNameJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventFormattedTimestampJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventJsonProviders;
import net.logstash.logback.composite.loggingevent.LoggingEventThreadNameJsonProvider;
import net.logstash.logback.composite.loggingevent.MessageJsonProvider;
import net.logstash.logback.composite.loggingevent.StackTraceJsonProvider;
import net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder;
import net.logstash.logback.stacktrace.ShortenedThrowableConverter;
import no.mappe.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shape of the service's log lines, set up in code rather than read from logback XML (Joran's
 * parse of it cost about 40 ms of every start): plain text without colour codes by default
 * ({@link LogConfigurator}), and one JSON object per line once the configuration asks for it
 * ({@code MAPPE_LOG_FORMAT=json}). Either way the libraries' own chatter stays out, and lines carry
 * ids and route templates, never personal data.
 */
public final class Logs {

    /** Time, level, thread, the logger's short name and the message. */
    static final String TEXT_PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n";
    /** Library loggers held above INFO. */
    private static final Map<String, Level> LIBRARIES = Map.of(
            "org.eclipse.jetty", Level.WARN,
            "org.flywaydb", Level.WARN,
            "com.openhtmltopdf", Level.WARN,
            "org.apache.pdfbox", Level.ERROR,
            "org.apache.fontbox", Level.ERROR,
            "io.javalin", Level.WARN,
            // "vector incubator module is not readable": a performance hint, not a problem
            "org.apache.lucene.internal.vectorization", Level.ERROR);
    /** Longest stack trace in a JSON line. */
    private static final int MAX_STACK_TRACE_CHARS = 16384;

    private Logs() {
    }

    /** Switches to JSON lines when the configuration asks for them, before anything else is logged. */
    public static void use(Config.LogFormat format) {
        if (format == Config.LogFormat.JSON && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.reset();
            toConsole(context, json(context), Map.of());
        }
    }

    /**
     * Every line to standard output through this encoder, at INFO and above, the libraries at their
     * levels and then these; java.util.logging (Lucene, PDFBox, openhtmltopdf) follows the same levels.
     */
    public static void toConsole(LoggerContext context, Encoder<ILoggingEvent> encoder, Map<String, Level> levels) {
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDOUT");
        console.setEncoder(encoder);
        console.start();
        LIBRARIES.forEach((name, level) -> context.getLogger(name).setLevel(level));
        levels.forEach((name, level) -> context.getLogger(name).setLevel(level));
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        // Without it every java.util.logging call below the level would still build a record for the bridge to drop.
        LevelChangePropagator julLevels = new LevelChangePropagator();
        julLevels.setContext(context);
        julLevels.setResetJUL(true);
        julLevels.start();
        context.addListener(julLevels);
    }

    /** Text lines in this pattern. */
    public static Encoder<ILoggingEvent> text(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }

    /**
     * One JSON object per line: time, level, logger, thread, message, the structured arguments of the
     * access log (method, route, status, durationMs) and, when there is one, the exception, root cause first.
     */
    static Encoder<ILoggingEvent> json(LoggerContext context) {
        LoggingEventJsonProviders fields = new LoggingEventJsonProviders();
        fields.addTimestamp(named(new LoggingEventFormattedTimestampJsonProvider(), "time"));
        fields.addLogLevel(named(new LogLevelJsonProvider(), "level"));
        fields.addLoggerName(named(new LoggerNameJsonProvider(), "logger"));
        fields.addThreadName(named(new LoggingEventThreadNameJsonProvider(), "thread"));
        fields.addMessage(new MessageJsonProvider());
        fields.addArguments(new ArgumentsJsonProvider());
        ShortenedThrowableConverter stackTrace = new ShortenedThrowableConverter();
        stackTrace.setMaxLength(MAX_STACK_TRACE_CHARS);
        stackTrace.setRootCauseFirst(true);
        StackTraceJsonProvider exception = named(new StackTraceJsonProvider(), "exception");
        exception.setThrowableConverter(stackTrace);
        fields.addStackTrace(exception);
        LoggingEventCompositeJsonEncoder encoder = new LoggingEventCompositeJsonEncoder();
        encoder.setContext(context);
        encoder.setProviders(fields);
        encoder.start();
        return encoder;
    }

    /** The provider, writing under this field name instead of logstash's default one. */
    private static <P extends AbstractFieldJsonProvider<ILoggingEvent>> P named(P provider, String fieldName) {
        provider.setFieldName(fieldName);
        return provider;
    }
}
