package no.mappe.untrusted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import no.mappe.errors.ServiceBusy;
import no.mappe.search.Ocr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every child process ends within its time limit, with everything it started, and all of them share one cap. */
class ChildProcessesTest {

    private static final byte[] TEN_MB = new byte[10 * 1024 * 1024];

    @TempDir
    Path dir;

    @Test
    void aChildThatNeitherReadsItsInputNorEndsIsStoppedAtTheTimeLimitWithEverythingItStarted() throws Exception {
        Path pidFile = dir.resolve("grandchild.pid");
        ChildProcesses children = new ChildProcesses(2, Duration.ofSeconds(1));
        long start = System.nanoTime();
        ChildProcesses.Finished finished = children.run(List.of("sh", "-c", "sleep 300 & echo $! > " + pidFile + "; wait"), Map.of(),
                TEN_MB, Duration.ofSeconds(1), 1000);
        assertThat(seconds(start)).isLessThan(4);
        assertThat(finished.timedOut()).isTrue();
        assertThat(finished.ok()).isFalse();
        long grandchild = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(endsWithin(grandchild, Duration.ofSeconds(5))).as("the shell's sleep was killed too").isTrue();
    }

    @Test
    void outputIsReadWhileTheChildRunsAndTooMuchOfItStopsTheChild() throws Exception {
        ChildProcesses children = new ChildProcesses(2, Duration.ofSeconds(1));
        ChildProcesses.Finished five = children.run(List.of("head", "-c", "5000000", "/dev/zero"), Map.of(), new byte[0],
                Duration.ofSeconds(10), 6_000_000);
        assertThat(five.ok()).isTrue();
        assertThat(five.output()).hasSize(5_000_000);

        long start = System.nanoTime();
        ChildProcesses.Finished endless = children.run(List.of("yes"), Map.of(), new byte[0], Duration.ofSeconds(30), 1_000_000);
        assertThat(endless.tooMuchOutput()).isTrue();
        assertThat(seconds(start)).as("stopped at the output limit, not the time limit").isLessThan(5);
    }

    @Test
    void whenEverySlotStaysTakenTheCallerIsToldToTryAgain() throws Exception {
        ChildProcesses children = new ChildProcesses(1, Duration.ofMillis(500));
        CompletableFuture<ChildProcesses.Finished> sleeper = CompletableFuture.supplyAsync(() -> {
            try {
                return children.run(List.of("sleep", "3"), Map.of(), new byte[0], Duration.ofSeconds(10), 10);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Thread.sleep(300);
        long start = System.nanoTime();
        assertThatThrownBy(() -> children.run(List.of("true"), Map.of(), new byte[0], Duration.ofSeconds(1), 10))
                .isInstanceOf(ServiceBusy.class).hasMessageContaining("again")
                .satisfies(busy -> assertThat(((ServiceBusy) busy).retryAfterSeconds()).isPositive());
        assertThat(seconds(start)).isLessThan(2);
        assertThat(sleeper.get().ok()).isTrue();
        assertThat(children.run(List.of("true"), Map.of(), new byte[0], Duration.ofSeconds(5), 10).ok()).as("the slot is free again")
                .isTrue();
    }

    @Test
    void ocrOfPagesThatNeverFinishEndsWithinTheUploadsBudget() throws Exception {
        Path stuck = dir.resolve("tesseract");
        Files.writeString(stuck, "#!/bin/sh\nsleep 300\n");
        stuck.toFile().setExecutable(true);
        Ocr ocr = new Ocr(new ChildProcesses(2, Duration.ofSeconds(1)), java.util.Optional.of(stuck), Duration.ofSeconds(1),
                Duration.ofSeconds(3));
        long start = System.nanoTime();
        String text = ocr.text(List.of(TEN_MB, TEN_MB, TEN_MB, TEN_MB, TEN_MB, TEN_MB));
        assertThat(text).isEmpty();
        assertThat(seconds(start)).isLessThan(6);
    }

    /** Whether the process is gone or a zombie (killed, waiting for init to reap it) within the time. */
    private static boolean endsWithin(long pid, Duration time) throws Exception {
        long deadline = System.nanoTime() + time.toNanos();
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        while (System.nanoTime() < deadline) {
            if (!Files.exists(stat) || Files.readString(stat).replaceFirst("^.*\\) ", "").startsWith("Z")) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
