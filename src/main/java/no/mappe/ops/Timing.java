package no.mappe.ops;

import java.util.function.Supplier;

/**
 * Where a service reports how long a piece of its work took: a histogram of the metrics, or
 * nothing ({@link #NONE}) in tools and benchmarks. Only work that finished is counted, so quick
 * refusals of bad input do not pull the times down.
 */
@FunctionalInterface
public interface Timing {

    Timing NONE = seconds -> { };

    void observe(double seconds);

    /** Runs {@code work} and records its duration when it returns normally. */
    default <T> T time(Supplier<T> work) {
        long start = System.nanoTime();
        T result = work.get();
        observe((System.nanoTime() - start) / 1e9);
        return result;
    }
}
