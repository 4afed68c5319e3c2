package no.mappe.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import no.mappe.archive.MasterKey;
import no.mappe.config.Config;
import no.mappe.errors.StartupRefused;
import no.mappe.files.RealPaths;

/**
 * Where the master key comes from. A real installation names its key file (MAPPE_MASTER_KEY_FILE)
 * and keeps it outside the data directory: a backup of the data directory must hold only
 * ciphertext, never the key that opens it. Only demo mode keeps (and makes) its key in the data
 * directory, as {@code master.key}.
 */
final class MasterKeys {

    static final String DEMO_KEY_FILE = "master.key";

    private MasterKeys() {
    }

    /** A key and the file it came from (for messages). */
    record Loaded(MasterKey key, String source) {
    }

    /** The key for the service and the maintenance commands; in demo mode made on first start. */
    static Loaded forService(Config config) {
        Path file = keyFile(config).orElseThrow(() -> new StartupRefused("Set MAPPE_MASTER_KEY_FILE to the file holding the master"
                + " key (32 random bytes, base64), kept outside the data directory. Only demo mode (MAPPE_DEMO=true) generates one by"
                + " itself."));
        boolean demoKey = config.demo() && config.masterKeyFile().isEmpty();
        return new Loaded(demoKey ? MasterKey.loadOrCreate(file) : MasterKey.load(file), file.toString());
    }

    /** The key if this configuration names one that exists, never creating it (for read-only tools). */
    static Optional<Loaded> existing(Config config) {
        return keyFile(config).filter(Files::isRegularFile).map(file -> new Loaded(MasterKey.load(file), file.toString()));
    }

    /** The key file this configuration would use, if it exists, without judging where it is (for permission checks). */
    static Optional<Path> existingFile(Config config) {
        Optional<Path> file = config.masterKeyFile().isPresent() ? config.masterKeyFile()
                : config.demo() ? Optional.of(config.dataDir().resolve(DEMO_KEY_FILE)) : Optional.empty();
        return file.filter(Files::isRegularFile);
    }

    private static Optional<Path> keyFile(Config config) {
        Path demoKey = config.dataDir().resolve(DEMO_KEY_FILE);
        if (config.masterKeyFile().isPresent()) {
            Path file = config.masterKeyFile().get();
            if (!config.demo() && RealPaths.inside(file, config.dataDir())) {
                throw new StartupRefused("MAPPE_MASTER_KEY_FILE names " + file + ", which is inside the data directory "
                        + config.dataDir() + ". Every backup of the data directory would then carry the key that decrypts it."
                        + " Move the key file out of the data directory (for example to /etc/mappe/master.key, readable only by"
                        + " Mappe's user) and point MAPPE_MASTER_KEY_FILE there.");
            }
            return Optional.of(file);
        }
        if (config.demo()) {
            return Optional.of(demoKey);
        }
        if (Files.exists(demoKey)) {
            throw new StartupRefused("Set MAPPE_MASTER_KEY_FILE. The data directory holds " + demoKey + ", made by a demo run; outside"
                    + " demo mode Mappe reads no key from the data directory, because every backup of it would then carry the key"
                    + " that decrypts it. Move that file out of the data directory (for example to /etc/mappe/master.key, readable"
                    + " only by Mappe's user) and set MAPPE_MASTER_KEY_FILE to it, or run with MAPPE_DEMO=true if this is a demo.");
        }
        return Optional.empty();
    }
}
