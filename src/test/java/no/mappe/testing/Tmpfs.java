package no.mappe.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * A small RAM file system mounted for one test, to fill a disk for real. Mounting needs root (as
 * CI runs); on a developer's machine without it the test is skipped, under CI=true it fails
 * ({@link RequiredTool}).
 */
public final class Tmpfs implements AutoCloseable {

    private final Path mountPoint;
    private final Path filler;

    private Tmpfs(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.filler = mountPoint.resolve("filler");
    }

    public static Tmpfs mount(Path mountPoint, int megabytes) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m,mode=0700", "tmpfs",
                mountPoint.toString()).redirectErrorStream(true).start();
        boolean done = mount.waitFor(20, TimeUnit.SECONDS);
        String output = new String(mount.getInputStream().readAllBytes());
        boolean mounted = done && mount.exitValue() == 0;
        RequiredTool.requireThat(mounted, "mounting a tmpfs to fill a disk (needs root; mount said: " + output.strip() + ")",
                "mount (util-linux), and run the tests as root as .ci/run does");
        return new Tmpfs(mountPoint);
    }

    /** Fills every free byte with a file. */
    public void fill() throws IOException {
        ByteBuffer block = ByteBuffer.allocate(64 * 1024);
        try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            while (true) {
                block.clear();
                channel.write(block);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
        try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer small = ByteBuffer.allocate(512);
            while (true) {
                small.clear();
                channel.write(small);
            }
        } catch (IOException full) {
            // full to the last block
        }
    }

    /** Frees the space again. */
    public void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    @Override
    public void close() throws IOException {
        Process umount = new ProcessBuilder("umount", "-l", mountPoint.toString()).redirectErrorStream(true).start();
        try {
            umount.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
