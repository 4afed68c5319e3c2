package no.mappe.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A class of the test's class path run in a JVM of its own (the command line, a service, a writer to
 * kill), with no MAPPE_* setting inherited from the surroundings. Such a JVM lives for seconds, too
 * short to earn back C2's compile time, so it compiles with C1 only: {@code mappe verify} on the demo
 * data took 3.1 CPU-seconds with both compilers and 1.9 with C1 alone, and the tests start dozens.
 */
public final class JavaCommand {

    private static final List<String> SHORT_LIVED = List.of("-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED");

    private JavaCommand() {
    }

    /** {@code java <jvmOptions> -cp <the test's class path> <main> <arguments>}, output and errors together. */
    public static ProcessBuilder of(List<String> jvmOptions, Class<?> main, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(SHORT_LIVED);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(key -> key.startsWith("MAPPE_"));
        return builder;
    }

    public static ProcessBuilder of(Class<?> main, String... arguments) {
        return of(List.of(), main, arguments);
    }
}
