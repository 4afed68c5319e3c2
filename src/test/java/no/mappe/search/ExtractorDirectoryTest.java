package no.mappe.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directory left by a text extractor whose service was killed (its children's copies of uploads
 * may be in it) is removed by the next one; one whose service still runs, in this process or another, is kept.
 */
class ExtractorDirectoryTest {

    @TempDir
    Path parent;

    @Test
    void anAbandonedDirectoryIsRemovedAndOnesInUseAreKept() throws Exception {
        Path abandoned = leftBehind("abandoned");
        Path ofAnotherService = leftBehind("another-service");
        Path notOurs = Files.createDirectory(parent.resolve(ExtractorDirectory.PREFIX + "without-lock"));
        Process holder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LockHolder.class.getName(),
                ofAnotherService.resolve(ExtractorDirectory.LOCK).toString())).redirectErrorStream(true).start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(output.readLine()).isEqualTo("locked");
            try (ExtractorDirectory first = ExtractorDirectory.create(parent)) {
                assertThat(abandoned).doesNotExist();
                assertThat(ofAnotherService.resolve("tmp-0/apache-tika-1.tmp")).as("another running service's").exists();
                assertThat(notOurs).as("a directory without a lock file is not known to be abandoned").exists();
                try (ExtractorDirectory second = ExtractorDirectory.create(parent)) {
                    assertThat(first.path()).as("one of this process, in use").exists();
                    assertThat(second.path()).exists();
                }
                assertThat(first.path()).exists();
            }
        } finally {
            holder.getOutputStream().close();
            holder.waitFor(10, TimeUnit.SECONDS);
            holder.destroyForcibly();
        }
        try (ExtractorDirectory next = ExtractorDirectory.create(parent)) {
            assertThat(ofAnotherService).as("its service has ended").doesNotExist();
            assertThat(parent.toFile().list())
                    .containsExactlyInAnyOrder(next.path().getFileName().toString(), notOurs.getFileName().toString());
        }
        assertThat(parent.toFile().list()).containsExactly(notOurs.getFileName().toString());
    }

    private Path leftBehind(String name) throws Exception {
        Path directory = Files.createDirectories(parent.resolve(ExtractorDirectory.PREFIX + name).resolve("tmp-0"));
        Files.writeString(directory.resolve("apache-tika-1.tmp"), "Brev til Åse Ærø");
        Files.createFile(directory.getParent().resolve(ExtractorDirectory.LOCK));
        return directory.getParent();
    }

    /** Holds a lock on the file it is given until its standard input ends: a service still running. */
    public static final class LockHolder {

        public static void main(String[] args) throws Exception {
            try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE)) {
                channel.lock();
                System.out.println("locked");
                System.out.flush();
                System.in.read();
            }
        }
    }
}
