package no.mappe.search;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import no.mappe.files.Trees;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The text extractors' private directory (their configuration and each child's temporary files), held
 * with a lock on a file in it for as long as its service runs. A service that is killed leaves its
 * directory behind, with whatever its children were reading; the next one to start removes every such
 * directory of the same user whose lock nobody holds (the system ends a lock with its process) and
 * leaves those of services still running.
 */
final class ExtractorDirectory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExtractorDirectory.class);
    static final String PREFIX = "mappe-extraction-";
    static final String LOCK = "in-use.lock";

    /**
     * This process's own directories, never probed: closing any channel on a file ends every lock the process holds
     * on it (POSIX), so probing one of them would leave it unlocked for other processes.
     */
    private static final Set<Path> OWN = ConcurrentHashMap.newKeySet();

    private final Path path;
    private final FileChannel lock;

    private ExtractorDirectory(Path path, FileChannel lock) {
        this.path = path;
        this.lock = lock;
    }

    /** A new directory under {@code parent} (owner-only), after removing those abandoned there. */
    static ExtractorDirectory create(Path parent) throws IOException {
        Path path = Files.createTempDirectory(parent, PREFIX); // rwx------
        FileChannel lock = FileChannel.open(path.resolve(LOCK), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        lock.lock();
        OWN.add(path);
        removeAbandoned(parent, Files.getOwner(path, LinkOption.NOFOLLOW_LINKS));
        return new ExtractorDirectory(path, lock);
    }

    /**
     * Where the children's directories go: {@code /dev/shm}, which is memory, when it has room for two of the largest
     * uploads per child; else the system's temporary directory. Tika copies some uploads (Office files) into a file
     * of its child's temporary directory before it parses them, and a deleted file on a disk leaves its blocks behind.
     */
    static Path placeFor(int children) {
        Path memory = Path.of("/dev/shm");
        try {
            if (Files.isDirectory(memory) && Files.isWritable(memory)
                    && Files.getFileStore(memory).getUsableSpace() > 2L * children * TextExtractor.MAX_INPUT_BYTES) {
                return memory;
            }
        } catch (IOException e) {
            LOG.debug("/dev/shm cannot be used for the text extractors' files", e);
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    Path path() {
        return path;
    }

    private static void removeAbandoned(Path parent, UserPrincipal owner) {
        try (DirectoryStream<Path> directories = Files.newDirectoryStream(parent, PREFIX + "*")) {
            for (Path directory : directories) {
                if (abandoned(directory, owner)) {
                    Trees.delete(directory);
                    LOG.info("Removed {}, left by a text extractor that was stopped without closing", directory.getFileName());
                }
            }
        } catch (IOException e) {
            LOG.warn("Directories left by stopped text extractors could not all be removed from {}", parent);
        }
    }

    private static boolean abandoned(Path directory, UserPrincipal owner) {
        Path lockFile = directory.resolve(LOCK);
        try {
            if (OWN.contains(directory) || !Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)
                    || !owner.equals(Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS))
                    || !Files.isRegularFile(lockFile, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                return channel.tryLock() != null; // released when the channel closes
            }
        } catch (OverlappingFileLockException | IOException e) {
            return false;
        }
    }

    /** Removes the directory and gives up its lock. */
    @Override
    public void close() {
        try {
            Trees.delete(path);
        } catch (IOException e) {
            LOG.warn("The text extractors' directory {} could not be removed", path);
        }
        try {
            lock.close();
        } catch (IOException e) {
            LOG.debug("The text extractors' lock could not be closed", e);
        }
        OWN.remove(path);
    }
}
