package no.mappe.search.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** ZIPs are judged by what they declare and by the bytes they really inflate to, before any parser sees them. */
class ZipInspectionTest {

    @Test
    void anEntryThatDeclaresAGigabyteIsRefusedWithoutInflatingIt() throws Exception {
        byte[] content = "Smørbukk".getBytes(StandardCharsets.UTF_8);
        byte[] zip = storedZip("brev.txt", content);
        // the local header's uncompressed size, at offset 22, now claims a gigabyte
        ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).putInt(22, 1 << 30);
        ExpansionBudget budget = new ExpansionBudget(zip.length);
        assertThatThrownBy(() -> ZipInspection.check(zip, budget)).isInstanceOf(ExpansionBudget.Refused.class)
                .hasMessageContaining("declares 1073741824 bytes");
    }

    @Test
    void oneEntryThatExpandsAThousandTimesIsRefusedEvenInsideALargeArchiveOfIncompressibleFiles() throws Exception {
        byte[] photos = new byte[20 * 1024 * 1024];
        new Random(3).nextBytes(photos);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("bilder.raw"));
            zip.write(photos);
            zip.putNextEntry(new ZipEntry("brev.txt"));
            byte[] megabyte = new byte[1024 * 1024];
            for (int i = 0; i < 60; i++) {
                zip.write(megabyte);
            }
        }
        byte[] archive = bytes.toByteArray();
        assertThat(60L * 1024 * 1024).as("well within 100 times the archive").isLessThan(100L * archive.length);
        assertThatThrownBy(() -> ZipInspection.check(archive, new ExpansionBudget(archive.length)))
                .isInstanceOf(ExpansionBudget.Refused.class).hasMessageContaining("an entry expands more than 100 times");
    }

    @Test
    void anOrdinaryZipAndAFileThatIsNoZipPass() throws Exception {
        byte[] zip = storedZip("brev.txt", "Brev fra NAV.".getBytes(StandardCharsets.UTF_8));
        assertThatCode(() -> ZipInspection.check(zip, new ExpansionBudget(zip.length))).doesNotThrowAnyException();
        byte[] pdf = "%PDF-1.7 not a zip".getBytes(StandardCharsets.US_ASCII);
        assertThatCode(() -> ZipInspection.check(pdf, new ExpansionBudget(pdf.length))).doesNotThrowAnyException();
    }

    private static byte[] storedZip(String name, byte[] content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            ZipEntry entry = new ZipEntry(name);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(content.length);
            CRC32 crc = new CRC32();
            crc.update(content);
            entry.setCrc(crc.getValue());
            zip.putNextEntry(entry);
            zip.write(content);
        }
        return bytes.toByteArray();
    }
}
