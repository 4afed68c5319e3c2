package no.mappe.bench;

import java.util.Arrays;
import java.util.List;

/**
 * The one way the benchmarks summarise their measurements: the median (the middle value, or the mean
 * of the two middle values of an even count) and nearest-rank percentiles (p95 of 20 values is the
 * 19th smallest). Neither changes the array or list given.
 */
final class Percentiles {

    private Percentiles() {
    }

    static double median(double... values) {
        double[] sorted = sorted(values);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    static double median(List<? extends Number> values) {
        return median(values.stream().mapToDouble(Number::doubleValue).toArray());
    }

    /** The smallest value that at least {@code percent} % of the values do not exceed. */
    static double percentile(double[] values, int percent) {
        double[] sorted = sorted(values);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    static double percentile(List<? extends Number> values, int percent) {
        return percentile(values.stream().mapToDouble(Number::doubleValue).toArray(), percent);
    }

    private static double[] sorted(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("No measurements");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted;
    }
}
