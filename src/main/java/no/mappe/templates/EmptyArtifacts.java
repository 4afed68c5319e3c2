package no.mappe.templates;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDStream;

/**
 * Takes the artifact marked-content sequences that hold nothing out of a rendered document's pages, with
 * the property lists only they used.
 *
 * <p>For PDF/UA, openhtmltopdf wraps a box's background and borders in an {@code /Artifact} sequence with a
 * property list of its own (a {@code /Background} dictionary with the box's bounding box, an object in the
 * file). It means to do so only for a box that paints a background or a border, but its test for that
 * ({@code Box.hasNonTextContent} in 1.1.65) compares the list that {@code background-image} now holds with
 * a single value, so it holds for every box: 598 of the welcome folder's 625 such sequences were empty, and
 * their dictionaries were 619 of its 1,120 objects, each one built, numbered and written.
 *
 * <p>An empty sequence draws nothing, and an artifact is not in the structure tree, so taking it out
 * changes neither the pages nor what assistive technology reads. Sequences tagged as content (those with
 * an MCID) stay, even when empty, because the structure tree points at them. The scan reads the content
 * as PDF tokens (strings, comments and inline images are copied as they are, whatever they contain).
 */
final class EmptyArtifacts {

    private static final byte[] ARTIFACT = "/Artifact".getBytes(StandardCharsets.US_ASCII);

    private EmptyArtifacts() {
    }

    /** Rewrites each page's content streams that held an empty artifact; returns how many sequences went. */
    static int removeFrom(PDDocument document) throws IOException {
        // A page's property lists may be shared (inherited resources): a name goes only if no page still uses it.
        Map<COSDictionary, Names> byPropertyList = new IdentityHashMap<>();
        int removed = 0;
        for (PDPage page : document.getPages()) {
            PDResources resources = page.getResources();
            COSDictionary properties = resources == null ? null : resources.getCOSObject().getCOSDictionary(COSName.PROPERTIES);
            Names names = properties == null ? new Names() : byPropertyList.computeIfAbsent(properties, dictionary -> new Names());
            for (Iterator<PDStream> streams = page.getContentStreams(); streams.hasNext();) {
                removed += rewrite(streams.next().getCOSObject(), names);
            }
        }
        for (Map.Entry<COSDictionary, Names> entry : byPropertyList.entrySet()) {
            if (entry.getValue().escaped) {
                continue;
            }
            for (String name : entry.getValue().removed) {
                if (!entry.getValue().kept.contains(name)) {
                    entry.getKey().removeItem(COSName.getPDFName(name));
                }
            }
        }
        return removed;
    }

    private static int rewrite(COSStream stream, Names names) throws IOException {
        byte[] content;
        try (InputStream in = stream.createInputStream()) {
            content = in.readAllBytes();
        }
        Scan scan = new Scan(content, names);
        scan.run();
        if (scan.removed > 0) {
            try (OutputStream out = stream.createOutputStream(COSName.FLATE_DECODE)) {
                out.write(scan.out, 0, scan.written);
            }
        }
        return scan.removed;
    }

    /** The property-list names of one {@code /Properties} dictionary: of the sequences taken out, and of those left in. */
    private static final class Names {
        final Set<String> removed = new HashSet<>();
        final Set<String> kept = new HashSet<>();
        /** A name written with # escapes is in use: its dictionary keeps all its entries rather than compare spellings. */
        boolean escaped;
    }

    /** A sequence opened by BMC or BDC: where it may be cut from, if it is an artifact, and where its content starts. */
    private record Open(int artifactFrom, String name, int contentFrom) {
    }

    /** One pass over a content stream, copying it token by token and cutting empty artifact sequences as they close. */
    private static final class Scan {

        private static final int NAME = 1;
        private static final int WORD = 2;
        private static final int OTHER = 3;

        private final byte[] in;
        private final Names names;
        final byte[] out;
        int written;
        int removed;
        private int position;
        private final Deque<Open> open = new ArrayDeque<>();
        /** The last two tokens written: kind and start in {@link #out} (end of the last one is {@link #written}). */
        private int lastKind;
        private int lastFrom;
        private int lastEnd;
        private int beforeKind;
        private int beforeFrom;
        private int beforeEnd;

        Scan(byte[] in, Names names) {
            this.in = in;
            this.names = names;
            this.out = new byte[in.length];
        }

        void run() {
            while (position < in.length) {
                int c = in[position] & 0xff;
                if (isWhitespace(c)) {
                    out[written++] = (byte) c;
                    position++;
                    continue;
                }
                int start = position;
                int kind = readToken(c);
                int from = written;
                System.arraycopy(in, start, out, written, position - start);
                written += position - start;
                if (kind == WORD && !operator(from)) {
                    continue;
                }
                beforeKind = lastKind;
                beforeFrom = lastFrom;
                beforeEnd = lastEnd;
                lastKind = kind;
                lastFrom = from;
                lastEnd = written;
            }
            for (Open unclosed : open) {
                keep(unclosed);
            }
        }

        /** Handles a marked-content operator or an inline image; false when the token was cut out with its sequence. */
        private boolean operator(int from) {
            int length = written - from;
            if (is(from, length, "BDC") || is(from, length, "BMC")) {
                boolean withList = length == 3 && out[from + 1] == 'D';
                String name = withList && lastKind == NAME ? name(lastFrom, lastEnd) : null;
                int artifactFrom = -1;
                if (withList && name != null && beforeKind == NAME && isArtifact(beforeFrom, beforeEnd)) {
                    artifactFrom = beforeFrom;
                } else if (!withList && lastKind == NAME && isArtifact(lastFrom, lastEnd)) {
                    artifactFrom = lastFrom;
                }
                open.push(new Open(artifactFrom, name, written));
            } else if (is(from, length, "EMC")) {
                Open sequence = open.poll();
                if (sequence != null && sequence.artifactFrom() >= 0 && blank(sequence.contentFrom(), from)) {
                    written = sequence.artifactFrom();
                    removed++;
                    if (sequence.name() != null) {
                        names.removed.add(sequence.name());
                    }
                    while (position < in.length && isWhitespace(in[position] & 0xff)) {
                        position++;
                    }
                    lastKind = 0;
                    beforeKind = 0;
                    return false;
                }
                if (sequence != null) {
                    keep(sequence);
                }
            } else if (is(from, length, "DP") && lastKind == NAME) {
                String name = name(lastFrom, lastEnd);
                if (name != null) {
                    names.kept.add(name);
                }
            } else if (is(from, length, "ID")) {
                copyInlineImage();
            }
            return true;
        }

        private void keep(Open sequence) {
            if (sequence.name() != null) {
                names.kept.add(sequence.name());
            }
        }

        /** Reads one token from {@link #position} (not whitespace) and returns its kind. */
        private int readToken(int c) {
            switch (c) {
                case '/' -> {
                    position++;
                    while (position < in.length && isRegular(in[position] & 0xff)) {
                        position++;
                    }
                    return NAME;
                }
                case '%' -> {
                    while (position < in.length && in[position] != '\n' && in[position] != '\r') {
                        position++;
                    }
                    return OTHER;
                }
                case '(' -> {
                    skipLiteralString();
                    return OTHER;
                }
                case '<' -> {
                    if (position + 1 < in.length && in[position + 1] == '<') {
                        position += 2;
                    } else {
                        while (position < in.length && in[position] != '>') {
                            position++;
                        }
                        position = Math.min(position + 1, in.length);
                    }
                    return OTHER;
                }
                case '>' -> {
                    position += position + 1 < in.length && in[position + 1] == '>' ? 2 : 1;
                    return OTHER;
                }
                case '[', ']', '{', '}', ')' -> {
                    position++;
                    return OTHER;
                }
                default -> {
                    while (position < in.length && isRegular(in[position] & 0xff)) {
                        position++;
                    }
                    return WORD;
                }
            }
        }

        private void skipLiteralString() {
            int depth = 0;
            while (position < in.length) {
                byte b = in[position++];
                if (b == '\\') {
                    position++;
                } else if (b == '(') {
                    depth++;
                } else if (b == ')' && --depth == 0) {
                    return;
                }
            }
            position = in.length;
        }

        /** After ID: the image's bytes up to EI between whitespace, copied untouched. */
        private void copyInlineImage() {
            int start = position;
            int end = start + 1;
            while (end + 2 <= in.length) {
                if (in[end] == 'E' && in[end + 1] == 'I' && isWhitespace(in[end - 1] & 0xff)
                        && (end + 2 == in.length || isWhitespace(in[end + 2] & 0xff))) {
                    break;
                }
                end++;
            }
            end = Math.min(end + 2, in.length);
            System.arraycopy(in, start, out, written, end - start);
            written += end - start;
            position = end;
        }

        private boolean blank(int from, int to) {
            for (int i = from; i < to; i++) {
                if (!isWhitespace(out[i] & 0xff)) {
                    return false;
                }
            }
            return true;
        }

        private boolean isArtifact(int from, int end) {
            if (end - from != ARTIFACT.length) {
                return false;
            }
            for (int i = 0; i < ARTIFACT.length; i++) {
                if (out[from + i] != ARTIFACT[i]) {
                    return false;
                }
            }
            return true;
        }

        /** A name without its slash, or null when it has # escapes (left alone rather than decoded). */
        private String name(int from, int end) {
            for (int i = from + 1; i < end; i++) {
                if (out[i] == '#') {
                    names.escaped = true;
                    return null;
                }
            }
            return new String(out, from + 1, end - from - 1, StandardCharsets.ISO_8859_1);
        }

        private boolean is(int from, int length, String word) {
            if (length != word.length()) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                if (out[from + i] != word.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private static boolean isWhitespace(int c) {
            return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0;
        }

        private static boolean isRegular(int c) {
            return !isWhitespace(c) && c != '(' && c != ')' && c != '<' && c != '>' && c != '[' && c != ']' && c != '{' && c != '}'
                    && c != '/' && c != '%';
        }
    }
}
