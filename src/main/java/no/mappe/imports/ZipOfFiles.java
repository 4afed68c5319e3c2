package no.mappe.imports;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import no.mappe.errors.InvalidFields;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

/**
 * Unpacks the zip of an import job into memory, counting what each entry really inflates to (not what it declares)
 * against limits like the upload's expansion budget: a zip bomb is refused before it fills the memory. A zip inside
 * it is not opened here: it is one of the files, and its upload refuses it if it is a bomb.
 */
final class ZipOfFiles {

    static final int MAX_ENTRIES = 20_000;
    static final long MAX_EXPANDED_BYTES = 512L * 1024 * 1024;
    static final long MAX_RATIO = 100;
    static final long GRACE_BYTES = 1024 * 1024;

    private ZipOfFiles() {
    }

    static Map<String, byte[]> unpack(byte[] zip) {
        if (zip.length < 4 || zip[0] != 'P' || zip[1] != 'K') {
            throw InvalidFields.of("files", "must be a zip of the files the case map names");
        }
        Map<String, byte[]> files = new HashMap<>();
        long expanded = 0;
        try (ZipArchiveInputStream archive = new ZipArchiveInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8.name(),
                true, true)) {
            ZipArchiveEntry entry;
            while ((entry = archive.getNextEntry()) != null) {
                if (files.size() >= MAX_ENTRIES) {
                    throw refused("holds more than " + MAX_ENTRIES + " files; split the import");
                }
                if (entry.isDirectory()) {
                    continue;
                }
                String name;
                try {
                    name = FileSource.normalised(entry.getName());
                } catch (FileSource.OutsideSource outside) {
                    throw refused("holds a file whose path leads outside the zip (absolute or with ..)");
                }
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                byte[] buffer = new byte[64 * 1024];
                int read;
                while ((read = archive.read(buffer)) >= 0) {
                    content.write(buffer, 0, read);
                    expanded += read;
                    if (content.size() > FileSource.MAX_FILE_BYTES) {
                        throw refused("holds a file larger than 50 MB");
                    }
                    boolean farBeyondItsSize = expanded > GRACE_BYTES && expanded > MAX_RATIO * Math.max(1, archive.getBytesRead());
                    if (expanded > MAX_EXPANDED_BYTES || farBeyondItsSize) {
                        throw refused("unpacks to far more than its size (a decompression bomb)");
                    }
                }
                files.put(name, content.toByteArray());
            }
        } catch (IOException | IllegalArgumentException e) {
            throw InvalidFields.of("files", "is not a zip that can be read; make it again with the operating system's zip");
        }
        return files;
    }

    private static InvalidFields refused(String why) {
        return InvalidFields.of("files", why + "; nothing was imported");
    }
}
