package no.mappe.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import no.mappe.config.Config;
import no.mappe.files.OwnerOnly;

/**
 * The files and directories that must be readable by Mappe's user only: the data directory, the
 * database with its -wal and -shm, the blobs, the index, the master key and the seals. Directories
 * are expected as 0700, files as 0600; anything that lets group or others in is reported.
 */
public final class DataPermissions {

    private DataPermissions() {
    }

    /** Everything this configuration protects, the operator's key file and seal directory included. */
    public static List<String> warnings(Config config) {
        List<Path> paths = new ArrayList<>(ownPaths(config));
        MasterKeys.existingFile(config).filter(file -> !paths.contains(file)).ifPresent(paths::add);
        config.sealDir().ifPresent(directory -> {
            paths.add(directory);
            paths.addAll(filesIn(directory));
        });
        List<String> warnings = new ArrayList<>();
        for (Path path : paths.stream().distinct().toList()) {
            OwnerOnly.wider(path).ifPresent(permissions -> warnings.add("Permissions WARNING: " + path + " is " + permissions
                    + "; only Mappe's user should have access: chmod " + (Files.isDirectory(path) ? "700" : "600") + " " + path));
        }
        return warnings;
    }

    /** Whether permissions can be checked at all (a file system with POSIX permissions). */
    public static boolean checkable(Config config) {
        return OwnerOnly.posix(config.dataDir());
    }

    /** What Mappe itself creates in the data directory (and so may narrow on start). */
    static List<Path> ownPaths(Config config) {
        Path dataDir = config.dataDir();
        List<Path> paths = new ArrayList<>(List.of(dataDir, dataDir.resolve("index"), dataDir.resolve("blobs"),
                dataDir.resolve("mappe.db"), dataDir.resolve("mappe.db-wal"), dataDir.resolve("mappe.db-shm")));
        if (config.demo() && config.masterKeyFile().isEmpty()) {
            paths.add(dataDir.resolve(MasterKeys.DEMO_KEY_FILE));
        }
        Path seals = dataDir.resolve("seals");
        if (config.sealDir().isEmpty() || config.sealDir().get().toAbsolutePath().normalize().equals(seals)) {
            paths.add(seals);
            paths.addAll(filesIn(seals));
        }
        return paths.stream().filter(Files::exists).toList();
    }

    private static List<Path> filesIn(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
