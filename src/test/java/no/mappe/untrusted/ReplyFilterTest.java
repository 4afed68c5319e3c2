package no.mappe.untrusted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.pipes.emitter.EmitData;
import org.apache.tika.pipes.emitter.EmitKey;
import org.junit.jupiter.api.Test;

/** What a text extractor child may send back: Tika's reply, bounded; nothing else, and other streams are left alone. */
class ReplyFilterTest {

    @Test
    void aRealReplyPassesAndAnythingElseOrTooMuchIsRefused() throws Exception {
        ReplyFilter.install();
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.TIKA_CONTENT, "Brev fra NAV Heimdal");
        metadata.set(Metadata.CONTENT_TYPE, "text/plain; charset=UTF-8");
        EmitData reply = (EmitData) filtered(serialised(new EmitData(EmitKey.NO_EMIT, List.of(metadata))));
        assertThat(reply.getMetadataList().getFirst().get(TikaCoreProperties.TIKA_CONTENT)).isEqualTo("Brev fra NAV Heimdal");

        List<Object> gadget = new ArrayList<>(List.of(new File("/etc/passwd")));
        assertThatThrownBy(() -> filtered(serialised(gadget))).isInstanceOf(InvalidClassException.class);
        Metadata huge = new Metadata();
        huge.set("dc:title", "x".repeat(20 * 1024 * 1024));
        assertThatThrownBy(() -> filtered(serialised(huge))).isInstanceOf(InvalidClassException.class);

        // a stream that is not Tika's reads what it always could
        try (ObjectInputStream plain = new ObjectInputStream(new ByteArrayInputStream(serialised(gadget)))) {
            assertThat(plain.readObject()).isEqualTo(gadget);
        }
    }

    private static Object filtered(byte[] bytes) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(ReplyFilter.TIKA_REPLIES);
            return in.readObject();
        }
    }

    private static byte[] serialised(Object object) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }
}
