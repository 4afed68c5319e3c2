package no.mappe.templates;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
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
 * as PDF tokens, so strings, comments and inline images stay as they are, whatever they contain.
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
            Names names = entry.getValue();
            if (names.escaped) {
                continue;
            }
            List<COSName> unused = entry.getKey().keySet().stream()
                    .filter(key -> names.removed.contains(key.getName()) && !names.kept.contains(key.getName())).toList();
            unused.forEach(entry.getKey()::removeItem);
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

    /**
     * A sequence opened by BMC or BDC: where it may be cut from (its /Artifact tag, or -1), its property-list name,
     * and the token counts when it opened (all tokens before the tag, all tokens so far, tokens cut so far).
     */
    private record Open(int artifactFrom, String name, int tokensBefore, int tokensAtOpen, int cutAtOpen) {
    }

    /**
     * One pass over a content stream, reading it token by token and noting the ranges of empty artifact sequences as
     * they close; the content is copied once, without those ranges, only if there were any.
     */
    private static final class Scan {

        private static final int NAME = 1;
        private static final int WORD = 2;
        private static final int OTHER = 3;
        private static final boolean[] WHITESPACE = new boolean[256];
        private static final boolean[] REGULAR = new boolean[256];

        static {
            for (char c : new char[] {' ', '\n', '\r', '\t', '\f', 0}) {
                WHITESPACE[c] = true;
            }
            for (int c = 0; c < 256; c++) {
                REGULAR[c] = !WHITESPACE[c] && "()<>[]{}/%".indexOf(c) < 0;
            }
        }

        private final byte[] in;
        private final Names names;
        byte[] out;
        int written;
        int removed;
        private int position;
        private int tokens;
        private int cutTokens;
        private final Deque<Open> open = new ArrayDeque<>();
        /** Start and end of each range to cut, in the order they closed; a range holds the ranges closed inside it. */
        private int[] cuts = new int[64];
        private int cutCount;
        /** The last two tokens read: kind, start and end in {@link #in}. */
        private int lastKind;
        private int lastFrom;
        private int lastEnd;
        private int beforeKind;
        private int beforeFrom;
        private int beforeEnd;

        Scan(byte[] in, Names names) {
            this.in = in;
            this.names = names;
        }

        void run() {
            while (position < in.length) {
                if (WHITESPACE[in[position] & 0xff]) {
                    position++;
                    continue;
                }
                int start = position;
                int kind = readToken(in[position] & 0xff);
                tokens++;
                if (kind == WORD) {
                    operator(start, position - start);
                }
                beforeKind = lastKind;
                beforeFrom = lastFrom;
                beforeEnd = lastEnd;
                lastKind = kind;
                lastFrom = start;
                lastEnd = position;
            }
            for (Open unclosed : open) {
                keep(unclosed);
            }
            copyWithoutCuts();
        }

        /** Handles a marked-content operator or an inline image. */
        private void operator(int from, int length) {
            if (is(from, length, "BDC") || is(from, length, "BMC")) {
                boolean withList = in[from + 1] == 'D';
                String name = withList && lastKind == NAME ? name(lastFrom, lastEnd) : null;
                int artifactFrom = -1;
                int operands = 0;
                if (withList && name != null && beforeKind == NAME && isArtifact(beforeFrom, beforeEnd)) {
                    artifactFrom = beforeFrom;
                    operands = 2;
                } else if (!withList && lastKind == NAME && isArtifact(lastFrom, lastEnd)) {
                    artifactFrom = lastFrom;
                    operands = 1;
                }
                open.push(new Open(artifactFrom, name, tokens - 1 - operands, tokens, cutTokens));
            } else if (is(from, length, "EMC")) {
                Open sequence = open.poll();
                if (sequence == null) {
                    return;
                }
                int content = tokens - 1 - sequence.tokensAtOpen() - (cutTokens - sequence.cutAtOpen());
                if (sequence.artifactFrom() < 0 || content > 0) {
                    keep(sequence);
                    return;
                }
                while (position < in.length && WHITESPACE[in[position] & 0xff]) {
                    position++;
                }
                cut(sequence.artifactFrom(), position);
                cutTokens = sequence.cutAtOpen() + tokens - sequence.tokensBefore();
                removed++;
                if (sequence.name() != null) {
                    names.removed.add(sequence.name());
                }
            } else if (is(from, length, "DP") && lastKind == NAME) {
                String name = name(lastFrom, lastEnd);
                if (name != null) {
                    names.kept.add(name);
                }
            } else if (is(from, length, "ID")) {
                skipInlineImage();
            }
        }

        private void keep(Open sequence) {
            if (sequence.name() != null) {
                names.kept.add(sequence.name());
            }
        }

        private void cut(int from, int to) {
            while (cutCount > 0 && cuts[2 * cutCount - 2] >= from) {
                cutCount--;
            }
            if (2 * cutCount + 2 > cuts.length) {
                cuts = Arrays.copyOf(cuts, cuts.length * 2);
            }
            cuts[2 * cutCount] = from;
            cuts[2 * cutCount + 1] = to;
            cutCount++;
        }

        private void copyWithoutCuts() {
            if (cutCount == 0) {
                return;
            }
            out = new byte[in.length];
            int from = 0;
            for (int i = 0; i < cutCount; i++) {
                int length = cuts[2 * i] - from;
                System.arraycopy(in, from, out, written, length);
                written += length;
                from = cuts[2 * i + 1];
            }
            System.arraycopy(in, from, out, written, in.length - from);
            written += in.length - from;
        }

        /** Reads one token from {@link #position} (not whitespace) and returns its kind. */
        private int readToken(int c) {
            switch (c) {
                case '/' -> {
                    position++;
                    while (position < in.length && REGULAR[in[position] & 0xff]) {
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
                    while (position < in.length && REGULAR[in[position] & 0xff]) {
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

        /** After ID: the image's bytes, up to EI between whitespace, whatever they hold. */
        private void skipInlineImage() {
            int end = position + 1;
            while (end + 2 <= in.length) {
                if (in[end] == 'E' && in[end + 1] == 'I' && WHITESPACE[in[end - 1] & 0xff]
                        && (end + 2 == in.length || WHITESPACE[in[end + 2] & 0xff])) {
                    break;
                }
                end++;
            }
            position = Math.min(end + 2, in.length);
        }

        private boolean isArtifact(int from, int end) {
            return Arrays.equals(in, from, end, ARTIFACT, 0, ARTIFACT.length);
        }

        /** A name without its slash, or null when it has # escapes (left alone rather than decoded). */
        private String name(int from, int end) {
            for (int i = from + 1; i < end; i++) {
                if (in[i] == '#') {
                    names.escaped = true;
                    return null;
                }
            }
            return new String(in, from + 1, end - from - 1, StandardCharsets.ISO_8859_1);
        }

        private boolean is(int from, int length, String word) {
            if (length != word.length()) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                if (in[from + i] != word.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
    }
}
