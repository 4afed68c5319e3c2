package no.mappe.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Forcing a directory's entries to disk, so that a file created or renamed into it survives a power loss too. */
public final class Fsync {

    private Fsync() {
    }

    /** Forces the directory's entries (a new name or a rename into it) to disk where the file system allows it. */
    public static void directory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // some file systems cannot fsync a directory; the rename or link itself is still atomic
        }
    }
}
