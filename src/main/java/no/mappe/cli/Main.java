package no.mappe.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import no.mappe.errors.MappeException;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar mappe.jar [serve|sweep|verify|reindex|init|organisation|user|import|...]}; configuration comes from the environment. */
@Command(name = "mappe", mixinStandardHelpOptions = true, version = "Mappe 0.1",
        description = "Document service for work-inclusion providers. Configure with MAPPE_* environment variables (see README).",
        subcommands = {ServeCommand.class, SweepCommand.class, VerifyCommand.class, ReindexCommand.class, InitCommand.class,
                OrganisationCommand.class, UserCommand.class, BackupCommand.class, RestoreCommand.class, RotateMasterKeyCommand.class,
                ImportCommand.class, MigrateCommand.class, WarmUpCommand.class})
public final class Main implements Callable<Integer> {

    public static void main(String[] args) {
        // before anything can open an ObjectInputStream: the JVM accepts a filter factory only until then
        no.mappe.untrusted.ReplyFilter.install();
        no.mappe.files.ImagesInMemory.apply();
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        if (args.length == 0 || args.length == 1 && "serve".equals(args[0])) {
            // Serving takes no options, so it starts without picocli: its classes are Java 5 bytecode, which the
            // JVM's start-up cache cannot hold, and reading the model of every command cost 0.2 s of each start.
            System.exit(serve());
        }
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((exception, line, parsed) -> {
            if (exception instanceof MappeException known) {
                return refused(known, line.getErr());
            }
            throw exception;
        });
        System.exit(commandLine.execute(args));
    }

    /** As picocli would run it: a refusal is one line and exit code 2, anything else its stack trace and 1. */
    private static int serve() {
        try {
            return new ServeCommand().call();
        } catch (MappeException known) {
            return refused(known, new PrintWriter(System.err, true));
        } catch (Exception | Error unexpected) {
            unexpected.printStackTrace();
            return CommandLine.ExitCode.SOFTWARE;
        }
    }

    private static int refused(MappeException known, PrintWriter err) {
        err.println("mappe: " + known.getMessage());
        err.flush();
        return 2;
    }

    /** Without a subcommand, serve. */
    @Override
    public Integer call() throws Exception {
        return new ServeCommand().call();
    }
}
