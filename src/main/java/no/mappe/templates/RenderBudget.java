package no.mappe.templates;

import io.pebbletemplates.pebble.template.EvaluationContext;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Duration;
import no.mappe.errors.RenderRefused;

/**
 * What one fill of a template may spend. The sandbox counts cooperatively: every for-loop
 * iteration and every number range() makes is a step, every character printed counts against the
 * output size, and both look at the clock. A template that overspends is refused with the budget
 * it broke; nothing it does can keep a core busy past its deadline or fill the heap.
 */
final class RenderBudget {

    /**
     * The limits of one fill.
     *
     * @param time        wall-clock time for compiling and filling
     * @param steps       loop iterations plus numbers made by range()
     * @param outputChars characters the filled XHTML may have
     * @param stackBytes  the stack of the thread that fills: the recursion budget
     */
    record Limits(Duration time, long steps, int outputChars, long stackBytes) {

        /**
         * Far above what documents need: the shipped templates with every field at its longest print
         * at most about 120,000 characters and loop a few hundred times.
         */
        static final Limits DEFAULT = new Limits(Duration.ofSeconds(5), 100_000, 1_000_000, 4L * 1024 * 1024);
    }

    /** Where a fill keeps its budget among the template's variables: not an identifier, so no template can name it. */
    static final String VARIABLE = "mappe:budget";

    private final Limits limits;
    private final String templateId;
    private final long deadline;
    private long steps;

    RenderBudget(Limits limits, String templateId) {
        this.limits = limits;
        this.templateId = templateId;
        this.deadline = System.nanoTime() + limits.time().toNanos();
    }

    /** The budget of the fill a template is evaluated in. */
    static RenderBudget of(EvaluationContext context) {
        if (context.getVariable(VARIABLE) instanceof RenderBudget budget) {
            return budget;
        }
        throw new IllegalStateException("A template was evaluated without a render budget");
    }

    /** Spends {@code count} steps (loop iterations, or numbers a range makes). */
    void spend(long count) {
        steps += count;
        if (steps > limits.steps()) {
            throw new RenderRefused("Template '" + templateId + "' runs more than " + limits.steps()
                    + " loop iterations (its loop budget); make its loops smaller");
        }
        checkTime();
    }

    void checkTime() {
        if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
            throw overTime(templateId, limits);
        }
    }

    static RenderRefused overTime(String templateId, Limits limits) {
        return new RenderRefused("Template '" + templateId + "' took longer than " + limits.time().toMillis()
                + " ms to fill (its time budget); make its loops smaller");
    }

    static RenderRefused tooDeep(String templateId, Limits limits) {
        return new RenderRefused("Template '" + templateId + "' nests or recurses too deeply for its recursion budget ("
                + limits.stackBytes() / 1024 + " KB of stack); flatten it");
    }

    /** Collects the filled XHTML, refusing it once it is larger than the output budget. */
    Writer writer() {
        return new Writer() {
            private final StringWriter out = new StringWriter(16 * 1024);
            private long written;

            @Override
            public void write(char[] chars, int offset, int length) {
                count(length);
                out.write(chars, offset, length);
            }

            @Override
            public void write(String text, int offset, int length) {
                count(length);
                out.write(text, offset, length);
            }

            private void count(int length) {
                written += length;
                if (written > limits.outputChars()) {
                    throw new RenderRefused("Template '" + templateId + "' prints more than " + limits.outputChars()
                            + " characters (its output budget)");
                }
                checkTime();
            }

            @Override
            public void flush() {
                // nothing buffered
            }

            @Override
            public void close() {
                // a string needs no closing
            }

            @Override
            public String toString() {
                return out.toString();
            }
        };
    }
}
