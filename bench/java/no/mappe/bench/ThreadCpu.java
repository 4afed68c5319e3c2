package no.mappe.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of this process by kind of thread (Linux only: {@code /proc/self/task}), so a benchmark can
 * say where its cores went: request threads, the indexer, Lucene's merges, the garbage collector, the JIT.
 * Threads are grouped by name with digits removed; a thread that ended between two snapshots is lost.
 */
final class ThreadCpu {

    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final Map<String, Long> ticksByGroup;

    private ThreadCpu(Map<String, Long> ticksByGroup) {
        this.ticksByGroup = ticksByGroup;
    }

    static ThreadCpu now() {
        Map<String, Long> ticks = new HashMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return new ThreadCpu(ticks);
        }
        try (Stream<Path> each = Files.list(tasks)) {
            each.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "N");
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum); // utime + stime
                } catch (IOException | RuntimeException ended) {
                    // the thread ended while it was read
                }
            });
        } catch (IOException e) {
            return new ThreadCpu(ticks);
        }
        return new ThreadCpu(ticks);
    }

    /** Prints the CPU milliseconds per {@code unit} that each group of threads spent since {@code before}, largest first. */
    void printSince(ThreadCpu before, int units, String unit) {
        Map<String, Long> delta = new TreeMap<>();
        ticksByGroup.forEach((group, ticks) -> {
            long spent = ticks - before.ticksByGroup.getOrDefault(group, 0L);
            if (spent > 0) {
                delta.put(group, spent);
            }
        });
        delta.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
                .forEach(entry -> System.out.printf("    %-28s %6.1f ms of CPU per %s%n", entry.getKey(),
                        entry.getValue() * 1000.0 / TICKS_PER_SECOND / units, unit));
    }
}
