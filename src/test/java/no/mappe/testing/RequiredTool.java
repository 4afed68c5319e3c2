package no.mappe.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * An external program a test drives as a user would (pdftoppm, soffice, tesseract, chromium, ...).
 * On a developer's machine a missing one skips the calling test, with a reason naming the Debian
 * package; under CI ({@code CI=true}, set by {@code .ci/run}) it fails the test, so a whole layer of
 * tests can never drop out of a CI run unnoticed. Call it in the test (or {@code @BeforeEach}), not in
 * {@code @BeforeAll}: a skipped class reports no tests at all.
 */
public final class RequiredTool {

    private static final Set<String> TRUE = Set.of("true", "1", "yes");

    private RequiredTool() {
    }

    /** Requires a command on the PATH, e.g. {@code require("pdftoppm", "poppler-utils")}. */
    public static void require(String command, String debianPackages) {
        requireThat(isOnPath(command), command, debianPackages);
    }

    /** Requires something a test checked itself (a file, a language pack, a download), named as {@code what}. */
    public static void requireThat(boolean available, String what, String debianPackages) {
        requireThat(available, what, debianPackages, underCi());
    }

    static void requireThat(boolean available, String what, String debianPackages, boolean ci) {
        if (available) {
            return;
        }
        String missing = what + " is not available; install the Debian package(s): apt-get install " + debianPackages;
        if (ci) {
            Assertions.fail(missing + ". Under CI=true a missing tool fails the run instead of skipping the tests that need it.");
        }
        Assumptions.abort(missing + ". Skipped here; under CI=true this fails.");
    }

    /** True when the process runs under CI (the variable CI set to true, as .ci/run and most CI services do). */
    static boolean underCi() {
        String value = System.getenv("CI");
        return value != null && TRUE.contains(value.strip().toLowerCase(Locale.ROOT));
    }

    static boolean isOnPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, command))) {
                return true;
            }
        }
        return false;
    }
}
