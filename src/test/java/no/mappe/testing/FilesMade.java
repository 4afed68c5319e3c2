package no.mappe.testing;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The names of the files made in a directory while something ran. The directory is watched, so a file
 * made and deleted at once (a temporary copy) is seen too.
 */
public final class FilesMade {

    /** What runs while the directory is watched. */
    public interface Action {
        void run() throws Exception;
    }

    private FilesMade() {
    }

    public static List<String> in(Path directory, Action action) throws Exception {
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            directory.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            action.run();
            List<String> made = new ArrayList<>();
            WatchKey key = watcher.poll(300, TimeUnit.MILLISECONDS);
            while (key != null) {
                for (WatchEvent<?> event : key.pollEvents()) {
                    made.add(String.valueOf(event.context()));
                }
                key.reset();
                key = watcher.poll(200, TimeUnit.MILLISECONDS);
            }
            return made;
        }
    }
}
