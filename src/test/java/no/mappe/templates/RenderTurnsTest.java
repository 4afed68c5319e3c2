package no.mappe.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import no.mappe.errors.ServiceBusy;
import no.mappe.testing.PdfChecks;
import org.junit.jupiter.api.Test;

/**
 * Renders take turns (see {@link PdfRenderer}): with one turn, a render that cannot get it within the
 * longest wait is refused as busy, to be sent again, while the render that holds it finishes whole.
 */
class RenderTurnsTest {

    /**
     * Paragraphs of the render that holds the turn: long enough that it is surely still running when the other has waited its
     * 100 ms. 600 paragraphs took 0.17-0.36 s warm, and on two busy cores the test thread can lose that much between seeing
     * the render run and asking for its turn: the other then got the turn and was not refused. 2,000 took 0.7 s until renders
     * got faster (Flate level 1): 0.1 s in a warm JVM, and the test failed in CI. 8,000 take about 0.4 s warm, 4 s cold.
     */
    private static final int LONG = 8_000;

    @Test
    void aRenderThatWaitsTooLongForItsTurnIsRefusedAsBusyAndTheOneRunningFinishes() throws Exception {
        PdfRenderer renderer = new PdfRenderer(1, Duration.ofMillis(100));
        // On a thread of its own rather than the shared pool, whose threads earlier tests' work may have left interrupted.
        CompletableFuture<byte[]> running = new CompletableFuture<>();
        Thread.ofPlatform().name("turns-test-long-render").start(() -> {
            try {
                running.complete(renderer.render(xhtml(LONG), "turns-test"));
            } catch (RuntimeException e) {
                running.completeExceptionally(e);
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (renderer.rendering() == 0 && !running.isDone() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(renderer.rendering()).as("the long render holds the only turn").isEqualTo(1);

        assertThatThrownBy(() -> renderer.render(xhtml(1), "turns-test"))
                .as(() -> "refused while the long render holds the turn; the long render " + (running.isCompletedExceptionally()
                        ? "failed: " + running.exceptionNow() : running.isDone() ? "had already finished" : "is still running"))
                .isInstanceOf(ServiceBusy.class)
                .satisfies(busy -> assertThat(((ServiceBusy) busy).retryAfterSeconds()).isPositive());

        assertThat(PdfChecks.text(running.get())).contains("Avsnitt " + (LONG - 1));
        assertThat(renderer.rendering()).isZero();
        assertThat(PdfChecks.text(renderer.render(xhtml(1), "turns-test"))).as("the turn is free again").contains("Avsnitt 0");
    }

    private static String xhtml(int paragraphs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < paragraphs; i++) {
            body.append("<p>Avsnitt ").append(i).append(": oppfølging i tiltaket, samarbeid med NAV og arbeidsgiver.</p>");
        }
        return """
                <html xmlns="http://www.w3.org/1999/xhtml" lang="nb"><head><title>Turer</title>
                <style>body { font-family: 'Noto Sans'; }</style></head><body>%s</body></html>""".formatted(body);
    }
}
