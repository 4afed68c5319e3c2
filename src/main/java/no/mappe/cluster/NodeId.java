package no.mappe.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import no.mappe.errors.StartupRefused;
import no.mappe.files.OwnerOnly;

/**
 * This node's name among the nodes sharing one database: a random UUID made at its first start and
 * kept in its data directory ({@code node-id}), so a restarted node is the same node. It names the
 * holder of a lease and the reader of the index outbox; it says nothing about anyone.
 */
public final class NodeId {

    private static final String FILE = "node-id";

    private NodeId() {
    }

    public static String of(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.isRegularFile(file)) {
                String id = Files.readString(file, StandardCharsets.US_ASCII).strip();
                UUID.fromString(id); // refuses a damaged file rather than sharing a name with another node
                return id;
            }
            String id = UUID.randomUUID().toString();
            Path temporary = dataDir.resolve(FILE + ".tmp");
            Files.deleteIfExists(temporary);
            OwnerOnly.createFile(temporary);
            Files.writeString(temporary, id + "\n", StandardCharsets.US_ASCII);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return id;
        } catch (IOException | IllegalArgumentException e) {
            throw new StartupRefused("The node id in " + file + " cannot be read or made (" + e.getMessage() + "); remove the file to"
                    + " give this node a new one", e);
        }
    }
}
