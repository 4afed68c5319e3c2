package no.mappe.untrusted;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import no.mappe.errors.ServiceBusy;

/**
 * Runs the helper processes that read uploaded files (Tesseract, the scan rasteriser), so a
 * hostile file can only ever hurt a child. Every child gets its input on stdin from one thread and
 * its output read on another, so neither side can block the time limit; when the limit passes, or
 * the child writes more than allowed, the child and everything it started are killed. All children,
 * and the long-lived text extractors while they read a file ({@link #slot()}), share one cap: a
 * request that finds every slot taken for too long gets {@link ServiceBusy} (503 with Retry-After)
 * instead of waiting without end.
 */
public final class ChildProcesses {

    /** How a child ended: its exit code and standard output, or stopped for taking too long or writing too much. */
    public record Finished(int exitCode, byte[] output, boolean timedOut, boolean tooMuchOutput) {

        public boolean ok() {
            return exitCode == 0 && !timedOut && !tooMuchOutput;
        }
    }

    /** The exit code of a Java child that ran out of heap (what the JVM uses for -XX:+ExitOnOutOfMemoryError). */
    public static final int OUT_OF_MEMORY = 3;

    private final int capacity;
    private final Semaphore slots;
    private final Duration queueLimit;

    /**
     * @param slots      how many children may run at once, whatever started them
     * @param queueLimit how long a request waits for a slot before it is told to try again
     */
    public ChildProcesses(int slots, Duration queueLimit) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1");
        }
        this.capacity = slots;
        this.slots = new Semaphore(slots, true);
        this.queueLimit = queueLimit;
    }

    /** How many children may run at once. */
    public int capacity() {
        return capacity;
    }

    /** How many children are running (or about to start) now. */
    public int inUse() {
        return capacity - slots.availablePermits();
    }

    /**
     * The command that starts {@code main} in a new JVM on this classpath with a small heap. A child
     * that runs out of it exits at once with code {@link #OUT_OF_MEMORY} instead of limping on; the
     * JVM's own warnings go to stderr, never into the data channel.
     */
    public static List<String> java(Class<?> main, int heapMegabytes, String... arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heapMegabytes + "m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError",
                "-Xlog:disable", "-Xlog:all=warning:stderr", "-Djava.awt.headless=true", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(arguments));
        return command;
    }

    /** A slot held while it is open; {@link #close()} gives it back. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes a slot for a child this class did not start (a long-lived text extractor, while it reads
     * one file), so the cap counts it too; throws {@link ServiceBusy} when none became free within the queue limit.
     */
    public Slot slot() {
        acquire();
        return slots::release;
    }

    /** Runs one child when a slot is free; throws {@link ServiceBusy} when none became free within the queue limit. */
    public Finished run(List<String> command, Map<String, String> environment, byte[] input, Duration timeLimit, int maxOutputBytes)
            throws IOException {
        acquire();
        try {
            return runHoldingSlot(command, environment, input, timeLimit, maxOutputBytes);
        } finally {
            slots.release();
        }
    }

    private void acquire() {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(queueLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            int retryAfter = (int) Math.max(1, queueLimit.toSeconds());
            throw new ServiceBusy("Mappe is reading other uploaded files right now; nothing was stored. Send the same request again in "
                    + retryAfter + " seconds.", retryAfter);
        }
    }

    private static Finished runHoldingSlot(List<String> command, Map<String, String> environment, byte[] input, Duration timeLimit,
                                           int maxOutputBytes) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            CompletableFuture<byte[]> output = readOutput(process, maxOutputBytes);
            writeInput(process, input);
            if (!process.waitFor(timeLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(process);
                return new Finished(-1, new byte[0], true, false);
            }
            byte[] written = output.get(2, TimeUnit.SECONDS);
            if (written.length > maxOutputBytes) {
                return new Finished(process.exitValue(), new byte[0], false, true);
            }
            return new Finished(process.exitValue(), written, false, false);
        } catch (ExecutionException | TimeoutException e) {
            killTree(process);
            throw new IOException("The output of a child process could not be read", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killTree(process);
            return new Finished(-1, new byte[0], true, false);
        } finally {
            if (process.isAlive()) {
                killTree(process);
                awaitExit(process);
            }
        }
    }

    /** A killed child is gone before its slot is handed on, so the cap really bounds what runs. */
    private static void awaitExit(Process process) {
        try {
            process.toHandle().onExit().get(2, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // SIGKILL cannot be refused; the kernel finishes it shortly
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads at most one byte more than allowed on its own thread; a child that writes more is killed at once. */
    private static CompletableFuture<byte[]> readOutput(Process process, int maxOutputBytes) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Thread.ofVirtual().name("child-output").start(() -> {
            try (InputStream out = process.getInputStream()) {
                byte[] read = out.readNBytes(maxOutputBytes + 1);
                if (read.length > maxOutputBytes) {
                    killTree(process);
                }
                result.complete(read);
            } catch (IOException e) {
                result.complete(new byte[0]); // the child was killed; its exit says what happened
            }
        });
        return result;
    }

    /** Writes on its own thread: a child that never reads its input must not stop the clock. */
    private static void writeInput(Process process, byte[] input) {
        Thread.ofVirtual().name("child-input").start(() -> {
            try (OutputStream in = process.getOutputStream()) {
                in.write(input);
            } catch (IOException e) {
                // the child stopped reading (refused early, or killed); its exit code says why
            }
        });
    }

    /**
     * Kills the child and every process it started (a shell's children would otherwise live on).
     * Through the handle: {@code Process.destroyForcibly} first closes stdin, which waits for the
     * writer that is stuck on a child that does not read.
     */
    private static void killTree(Process process) {
        List<ProcessHandle> descendants = new ArrayList<>(process.descendants().toList());
        process.toHandle().destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }
}
