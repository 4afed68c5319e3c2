package no.mappe.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import no.mappe.app.App;
import no.mappe.config.Config;
import no.mappe.demo.DemoData;
import picocli.CommandLine.Command;

/** Runs the HTTP service until the process is stopped. */
@Command(name = "serve", description = "Start the HTTP service (the default).")
final class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() throws InterruptedException {
        Config config = Config.fromEnvironment();
        App app = App.build(config).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "mappe-shutdown"));
        System.out.println("Mappe is running on http://localhost:" + app.port() + "/  (data in " + config.dataDir() + ")");
        app.demoPassword().ifPresent(password -> {
            System.out.println("Demo mode. Users: " + String.join(", ", DemoData.usernames()));
            System.out.println("Demo password for all of them: " + password);
        });
        stopped.await();
        return 0;
    }
}
