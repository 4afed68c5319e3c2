package no.mappe.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing tool fails under CI and skips elsewhere, and the message says what to install. */
class RequiredToolTest {

    private static final String NO_SUCH_TOOL = "mappe-no-such-tool";

    @Test
    void aMissingToolFailsUnderCi() {
        assertThatThrownBy(() -> RequiredTool.requireThat(RequiredTool.isOnPath(NO_SUCH_TOOL), NO_SUCH_TOOL, "mappe-tools", true))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining(NO_SUCH_TOOL + " is not available")
                .hasMessageContaining("apt-get install mappe-tools")
                .hasMessageContaining("CI=true");
    }

    @Test
    void aMissingToolSkipsOnADevelopersMachine() {
        assertThatThrownBy(() -> RequiredTool.requireThat(RequiredTool.isOnPath(NO_SUCH_TOOL), NO_SUCH_TOOL, "mappe-tools", false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("apt-get install mappe-tools");
    }

    @Test
    void anInstalledToolPassesEitherWay() {
        assertThat(RequiredTool.isOnPath("sh")).isTrue();
        assertThatCode(() -> RequiredTool.requireThat(RequiredTool.isOnPath("sh"), "sh", "dash", true)).doesNotThrowAnyException();
        assertThatCode(() -> RequiredTool.requireThat(RequiredTool.isOnPath("sh"), "sh", "dash", false)).doesNotThrowAnyException();
    }
}
