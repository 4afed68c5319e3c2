package no.mappe.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import no.mappe.archive.MasterKey;
import no.mappe.errors.AuditCheckpointInvalid;
import no.mappe.errors.StorageFailure;
import no.mappe.files.Fsync;

/**
 * The audit checkpoint file ({@value #FILE_NAME} in the data directory, outside the database): the
 * head of the chain (entry number and chain value), the first keyed entry and the time, with an
 * HMAC-SHA256 under a key derived from the master key, so that nobody without the key can write
 * one. A database edit cannot reach it, so removing the newest entries is found by comparing.
 *
 * <p>Written atomically (a temporary file, fsync, rename, fsync of the directory) and readable by
 * its owner only.
 */
public final class AuditCheckpoint {

    public static final String FILE_NAME = "audit.checkpoint";
    private static final String FORMAT = "mappe audit checkpoint 1";
    private static final Set<java.nio.file.attribute.PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;
    private final SecretKey key;

    public AuditCheckpoint(Path dataDir, MasterKey masterKey) {
        this.file = dataDir.resolve(FILE_NAME);
        this.key = masterKey.macKey("audit-checkpoint");
    }

    /** What a checkpoint holds. */
    record Content(AuditHead head, long keyedFrom, Instant at) {
    }

    /** The checkpoint as an anchor; empty when there is no file. */
    public Optional<AuditAnchor> read() {
        return content().map(content -> new AuditAnchor(content.head(), content.at().toString(), "checkpoint file " + FILE_NAME,
                OptionalLong.of(content.keyedFrom())));
    }

    Optional<Content> content() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new AuditCheckpointInvalid("The audit checkpoint " + file + " cannot be read: " + e.getMessage());
        }
        if (lines.size() != 6 || !lines.get(0).equals(FORMAT) || !lines.get(5).startsWith("mac ")) {
            throw new AuditCheckpointInvalid("The audit checkpoint " + file + " is not in Mappe's format: it was altered");
        }
        String signed = String.join("\n", lines.subList(0, 5)) + "\n";
        if (!MessageDigest.isEqual(mac(signed).getBytes(StandardCharsets.US_ASCII),
                lines.get(5).substring("mac ".length()).getBytes(StandardCharsets.US_ASCII))) {
            throw new AuditCheckpointInvalid("The audit checkpoint " + file + " does not carry a valid MAC: it was altered, or written"
                    + " with another master key");
        }
        try {
            return Optional.of(new Content(new AuditHead(Long.parseLong(value(lines.get(1), "entry")), value(lines.get(2), "chain")),
                    Long.parseLong(value(lines.get(3), "keyed-from")), Instant.parse(value(lines.get(4), "at"))));
        } catch (RuntimeException e) {
            throw new AuditCheckpointInvalid("The audit checkpoint " + file + " is not in Mappe's format: " + e.getMessage());
        }
    }

    void write(Content content) {
        String signed = FORMAT + "\n"
                + "entry " + content.head().entry() + "\n"
                + "chain " + content.head().chainValue() + "\n"
                + "keyed-from " + content.keyedFrom() + "\n"
                + "at " + content.at() + "\n";
        byte[] bytes = (signed + "mac " + mac(signed) + "\n").getBytes(StandardCharsets.UTF_8);
        Path temp = file.resolveSibling(FILE_NAME + ".tmp");
        try {
            Files.deleteIfExists(temp); // left by a crash mid-write; one writer per data directory
            try (FileChannel channel = FileChannel.open(temp, Set.<OpenOption>of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    ownerOnly())) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            Fsync.directory(file.getParent());
        } catch (IOException e) {
            throw new StorageFailure("Writing the audit checkpoint " + file + " failed", e);
        }
    }

    /** Keeps an unreadable checkpoint as evidence under another name, so a new one can be written. */
    Path moveAside(Instant now) {
        Path aside = file.resolveSibling(FILE_NAME + ".invalid-" + now.toString().replace(':', '-'));
        try {
            Files.move(file, aside);
            return aside;
        } catch (IOException e) {
            throw new StorageFailure("Moving the invalid audit checkpoint " + file + " aside failed", e);
        }
    }

    private FileAttribute<?>[] ownerOnly() {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
    }

    private String mac(String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    private static String value(String line, String name) {
        if (!line.startsWith(name + " ")) {
            throw new IllegalArgumentException("expected '" + name + "' but found another line");
        }
        return line.substring(name.length() + 1);
    }
}
