package no.mappe.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import no.mappe.app.App;
import no.mappe.config.Config;
import no.mappe.demo.DemoData;
import no.mappe.ops.Logs;
import no.mappe.web.WebServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/**
 * Runs the HTTP service until the process is stopped. SIGTERM (docker stop, systemctl stop) stops
 * it gracefully through {@link App#close()}: running requests finish, the index catches up, the
 * audit checkpoint is written. What it prints goes through the log, so with
 * {@code MAPPE_LOG_FORMAT=json} every line on stdout is JSON.
 */
@Command(name = "serve", description = "Start the HTTP service (the default).")
final class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() throws InterruptedException {
        Config config = Config.fromEnvironment();
        Logs.use(config.logFormat());
        Logger log = LoggerFactory.getLogger(ServeCommand.class);
        App app = App.build(config).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping: finishing running requests (at most {} s), then closing", WebServer.STOP_TIMEOUT.toSeconds());
            app.close();
            log.info("Mappe stopped");
            stopped.countDown();
        }, "mappe-shutdown"));
        // Time since the JVM started, so an operator sees what a start costs (and what the start-up cache saves).
        log.info("Mappe is running on http://localhost:{}/  (data in {}; ready {} s after the process started)", app.port(),
                config.dataDir(), String.format(java.util.Locale.ROOT, "%.1f",
                        java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0));
        app.demoPassword().ifPresent(password -> {
            log.info("Demo mode. Users: {}", String.join(", ", DemoData.usernames()));
            log.info("Demo password for all of them: {}", password);
        });
        stopped.await();
        return 0;
    }
}
