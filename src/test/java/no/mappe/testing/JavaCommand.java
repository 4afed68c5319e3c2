package no.mappe.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import no.mappe.cli.Main;

/**
 * A class of the test's class path run in a JVM of its own (the command line, a service, a writer to
 * kill), with no MAPPE_* setting inherited from the surroundings. Such a JVM lives for seconds, and the
 * tests start dozens, so each is made to start fast:
 * <ul>
 *   <li>It compiles with C1 only, too short-lived to earn back C2's compile time: {@code mappe verify} on
 *   the demo data took 3.1 CPU-seconds with both compilers and 1.9 with C1 alone.</li>
 *   <li>It collects with the serial collector, which starts with less and works with less on small heaps:
 *   {@code CommandLineTest} (about twenty such JVMs) took 98-108 CPU-seconds instead of 114-115 with G1.</li>
 *   <li>It maps the classes it needs from a class data archive (CDS) instead of loading them one by one:
 *   {@code mappe serve} answered after 3.8 s without it and 2.1 s with it, {@code mappe verify} took 1.35 s
 *   and 1.1 s. The archive is written once per build by a training start of {@code mappe serve} in demo mode
 *   ({@link #archive}); a JVM that cannot use it (another JDK, a changed class) runs without it, silently.</li>
 *   <li>CDS keeps only classes from jar files, so the test's class directories ({@code target/classes},
 *   {@code target/test-classes}) are run as jars of themselves, made again when a file in them changed
 *   ({@link #jarOf}). That is also how the shipped service runs: from a jar.</li>
 * </ul>
 * The test JVMs run side by side; one prepares the jars and the archive while the others wait on a file lock.
 */
public final class JavaCommand {

    private static final Path DIR = Path.of("target/java-command").toAbsolutePath();
    private static final Path ARCHIVE = DIR.resolve("classes.jsa");
    /** A separate JVM's options: C1 only, the serial collector, no word from CDS on its output (which tests read line by line). */
    private static final List<String> SHORT_LIVED = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "--enable-native-access=ALL-UNNAMED", "-Xlog:cds*=off", "-Xlog:aot*=off");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    /** The class path with jars for directories, and the archive option (empty when training failed); made once per test JVM. */
    private static List<String> prepared;

    private JavaCommand() {
    }

    /** {@code java <jvmOptions> -cp <the test's class path> <main> <arguments>}, output and errors together. */
    public static ProcessBuilder of(List<String> jvmOptions, Class<?> main, String... arguments) {
        List<String> options = new ArrayList<>(prepared());
        options.addAll(jvmOptions);
        return java(options, main, arguments);
    }

    /** {@code java <SHORT_LIVED> <options> <main> <arguments>} without MAPPE_* settings, output and errors together. */
    private static ProcessBuilder java(List<String> options, Class<?> main, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(JAVA);
        command.addAll(SHORT_LIVED);
        command.addAll(options);
        command.add(main.getName());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(key -> key.startsWith("MAPPE_"));
        return builder;
    }

    public static ProcessBuilder of(Class<?> main, String... arguments) {
        return of(List.of(), main, arguments);
    }

    private static synchronized List<String> prepared() {
        if (prepared == null) {
            try {
                Files.createDirectories(DIR);
                try (FileChannel lockFile = FileChannel.open(DIR.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = lockFile.lock()) {
                    List<String> entries = new ArrayList<>();
                    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                        Path path = Path.of(entry);
                        entries.add(Files.isDirectory(path) ? jarOf(path).toString() : entry);
                    }
                    String classPath = String.join(File.pathSeparator, entries);
                    List<String> options = new ArrayList<>(List.of("-cp", classPath));
                    if (archive(classPath)) {
                        options.add("-XX:SharedArchiveFile=" + ARCHIVE);
                    }
                    prepared = List.copyOf(options);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not prepare the class path of a separate JVM in " + DIR, e);
            }
        }
        return prepared;
    }

    /**
     * A jar of the directory's files, made again when a file was added, removed or changed since (a list of their names, sizes
     * and times is kept beside it). Directories get entries too, as in the shipped jar, so a resource directory can be found.
     */
    static Path jarOf(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath().normalize();
        String name = absolute.getParent().getFileName() + "-" + absolute.getFileName();
        Path jar = DIR.resolve(name + ".jar");
        Path listingFile = DIR.resolve(name + ".files");
        Files.createDirectories(DIR);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(absolute)) {
            files = walk.filter(file -> !file.equals(absolute)).sorted().toList();
        }
        String listing = listing(absolute, files);
        if (Files.exists(jar) && Files.exists(listingFile) && Files.readString(listingFile).equals(listing)) {
            return jar;
        }
        Path fresh = DIR.resolve(name + ".jar.tmp");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(fresh))) {
            for (Path file : files) {
                boolean isDirectory = Files.isDirectory(file);
                String entry = absolute.relativize(file).toString().replace(File.separatorChar, '/');
                out.putNextEntry(new JarEntry(isDirectory ? entry + "/" : entry));
                if (!isDirectory) {
                    Files.copy(file, out);
                }
                out.closeEntry();
            }
        }
        Files.move(fresh, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(listingFile, listing);
        return jar;
    }

    private static String listing(Path directory, List<Path> files) throws IOException {
        StringBuilder listing = new StringBuilder();
        for (Path file : files) {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            listing.append(directory.relativize(file)).append('\t').append(attributes.isDirectory() ? "dir" : attributes.size())
                    .append('\t').append(attributes.lastModifiedTime().toMillis()).append('\n');
        }
        return listing.toString();
    }

    /**
     * Whether the class data archive for this JDK and class path is there, training it first when it is not: {@code mappe serve}
     * in demo mode on an empty directory (which makes, renders, indexes and seals the demo documents) runs until it listens
     * and is stopped with SIGTERM; the JVM writes the classes it loaded as it exits. What it was made for is kept beside it.
     */
    private static boolean archive(String classPath) throws IOException {
        Path madeFor = DIR.resolve("classes.jsa.for");
        String wanted = JAVA + "\n" + System.getProperty("java.vm.version") + "\n" + stamps(classPath);
        if (Files.exists(ARCHIVE) && Files.exists(madeFor) && Files.readString(madeFor).equals(wanted)) {
            return true;
        }
        Files.deleteIfExists(ARCHIVE);
        Path fresh = DIR.resolve("classes.jsa.tmp");
        Files.deleteIfExists(fresh);
        Path data = Files.createTempDirectory(DIR, "training-");
        Path output = DIR.resolve("training.log");
        ProcessBuilder builder = java(List.of("-XX:ArchiveClassesAtExit=" + fresh, "-cp", classPath), Main.class, "serve")
                .redirectOutput(output.toFile());
        ServiceProcess.demoService(builder.environment(), data);
        Process training = builder.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (training.isAlive() && System.nanoTime() < deadline
                    && !ServiceProcess.RUNNING.matcher(Files.readString(output, StandardCharsets.UTF_8)).find()) {
                Thread.sleep(100);
            }
            training.destroy(); // SIGTERM: a normal exit, at which the archive is written
            if (!training.waitFor(120, TimeUnit.SECONDS)) {
                training.destroyForcibly();
                return false;
            }
        } catch (InterruptedException e) {
            training.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        } finally {
            no.mappe.files.Trees.delete(data);
        }
        if (!Files.exists(fresh)) {
            return false; // the separate JVMs run without it: slower, not wrong
        }
        Files.move(fresh, ARCHIVE, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(madeFor, wanted);
        return true;
    }

    /** Each class path entry with its size and time: the JVM refuses an archive when any of them changed. */
    private static String stamps(String classPath) throws IOException {
        StringBuilder stamps = new StringBuilder();
        for (String entry : classPath.split(File.pathSeparator)) {
            Path path = Path.of(entry);
            stamps.append(entry);
            if (Files.exists(path)) {
                stamps.append('\t').append(Files.size(path)).append('\t').append(Files.getLastModifiedTime(path).toMillis());
            }
            stamps.append('\n');
        }
        return stamps.toString();
    }
}
