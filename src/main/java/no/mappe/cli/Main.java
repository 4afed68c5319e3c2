package no.mappe.cli;

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
                ImportCommand.class, WarmUpCommand.class})
public final class Main implements Callable<Integer> {

    public static void main(String[] args) {
        // before anything can open an ObjectInputStream: the JVM accepts a filter factory only until then
        no.mappe.untrusted.ReplyFilter.install();
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((exception, line, parsed) -> {
            if (exception instanceof MappeException known) {
                line.getErr().println("mappe: " + known.getMessage());
                return 2;
            }
            throw exception;
        });
        System.exit(commandLine.execute(args));
    }

    /** Without a subcommand, serve. */
    @Override
    public Integer call() throws Exception {
        return new ServeCommand().call();
    }
}
