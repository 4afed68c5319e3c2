package no.mappe.search.extract;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

/**
 * Unpacks a ZIP upload (a .zip, and every office file: docx, xlsx, pptx, odt are ZIPs) into nothing,
 * before any parser sees it, counting each entry's declared size and the bytes it really inflates
 * to against an {@link ExpansionBudget}, and descending into ZIPs inside it. Office parsers read
 * their parts by themselves, so this is where a bomb dressed as a document is caught.
 */
final class ZipInspection {

    private static final int MAX_ENTRIES = 20_000;

    private final ExpansionBudget budget;
    private int entries;

    private ZipInspection(ExpansionBudget budget) {
        this.budget = budget;
    }

    /** Throws {@link ExpansionBudget.Refused} for a bomb; a file that is no ZIP, or a broken one, is left to the parsers. */
    static void check(byte[] file, ExpansionBudget budget) throws ExpansionBudget.Refused {
        if (file.length < 4 || !isZip(file[0], file[1], file[2], file[3])) {
            return;
        }
        try {
            new ZipInspection(budget).inspect(new ByteArrayInputStream(file), 1);
        } catch (ExpansionBudget.Refused refused) {
            throw refused;
        } catch (IOException | RuntimeException unreadable) {
            // not a ZIP this reader understands; the parsers decide what it is
        }
    }

    private void inspect(InputStream zip, int depth) throws IOException {
        budget.checkDepth(depth);
        ZipArchiveInputStream archive = new ZipArchiveInputStream(zip, StandardCharsets.UTF_8.name(), true, true);
        ZipArchiveEntry entry;
        while ((entry = archive.getNextEntry()) != null) {
            if (++entries > MAX_ENTRIES) {
                throw new ExpansionBudget.Refused("more than " + MAX_ENTRIES + " entries");
            }
            if (entry.getSize() > 0) {
                budget.checkDeclared(entry.getSize());
            }
            InputStream content = new BufferedInputStream(budget.count(archive, archive::getCompressedCount), 8192);
            content.mark(4);
            byte[] magic = content.readNBytes(4);
            content.reset();
            if (magic.length == 4 && isZip(magic[0], magic[1], magic[2], magic[3])) {
                inspect(content, depth + 1);
            }
            // read to the end through the budget: skipping would inflate uncounted
            content.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    private static boolean isZip(byte b0, byte b1, byte b2, byte b3) {
        return b0 == 'P' && b1 == 'K' && (b2 == 3 && b3 == 4 || b2 == 5 && b3 == 6 || b2 == 7 && b3 == 8);
    }
}
