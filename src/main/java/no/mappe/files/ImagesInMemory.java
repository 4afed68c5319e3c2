package no.mappe.files;

import javax.imageio.ImageIO;

/**
 * Keeps Java's image reading and writing in memory. By default {@code ImageIO} caches every stream it
 * reads or writes in a file in the system's temporary directory: a drawn signature, a logo, each page of
 * a scanned paper. The file is deleted afterwards, but its blocks stay on the disk, outside the
 * encrypted archive and out of reach of shredding. In memory it is also faster: a render read the logo
 * through a new temporary file every time.
 */
public final class ImagesInMemory {

    private ImagesInMemory() {
    }

    /** For the whole process: before any image is read or written (the entry points and the renderer call it). */
    public static void apply() {
        ImageIO.setUseCache(false);
    }
}
