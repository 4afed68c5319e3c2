package no.mappe.search;

import java.io.IOException;
import java.io.InputStream;
import java.text.ParseException;
import java.util.zip.GZIPInputStream;
import org.apache.lucene.analysis.hunspell.Dictionary;
import org.apache.lucene.analysis.hunspell.Hunspell;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The Norwegian (bokmål) and Danish Hunspell dictionaries shipped with Mappe (resources
 * search/hunspell, see the COPYRIGHT file there). Each is parsed once per process, on first use
 * (about 1.5 s for Norwegian, 0.6 s for Danish); the {@link WordForms} over it are thread-safe.
 */
public final class Dictionaries {

    private Dictionaries() {
    }

    /**
     * Starts reading both dictionaries in the background, one thread each: the first document indexed
     * or query analysed then waits for what is left, not for the whole 2 seconds.
     */
    public static void warmUp() {
        for (Runnable language : new Runnable[] {Dictionaries::norwegian, Dictionaries::danish}) {
            Thread reader = new Thread(language, "mappe-dictionaries");
            reader.setDaemon(true);
            reader.start();
        }
    }

    /** The dictionary of a document language: Danish for "da", Norwegian for everything else (as the text fields). */
    static WordForms of(String language) {
        return "da".equals(language) ? danish() : norwegian();
    }

    static WordForms norwegian() {
        return Norwegian.FORMS;
    }

    static WordForms danish() {
        return Danish.FORMS;
    }

    private static final class Norwegian {
        static final WordForms FORMS = new WordForms(load("nb_NO"));
    }

    private static final class Danish {
        static final WordForms FORMS = new WordForms(load("da_DK"));
    }

    private static Hunspell load(String name) {
        try (InputStream affixes = resource(name + ".aff"); InputStream words = resource(name + ".dic")) {
            return new Hunspell(new Dictionary(new ByteBuffersDirectory(), name, affixes, words));
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("The " + name + " dictionary shipped with Mappe cannot be read", e);
        }
    }

    /** The uncompressed content of a dictionary file; the caller closes it. */
    static InputStream resource(String file) throws IOException {
        InputStream in = Dictionaries.class.getResourceAsStream("/search/hunspell/" + file + ".gz");
        if (in == null) {
            throw new IOException("The dictionary file " + file + " is missing from the build");
        }
        return new GZIPInputStream(in, 1 << 16);
    }
}
