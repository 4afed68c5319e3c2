package no.mappe.search.extract;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * How much one uploaded file may unpack to, counted in bytes actually decompressed (not the text
 * they hold, so a file cannot pass by reaching the text limit first): at most
 * {@link #MAX_EXPANDED_BYTES} in all, at most {@link #MAX_RATIO} times the upload and, per archive
 * entry, its compressed size (both once past {@link #GRACE_BYTES}), and at most {@link #MAX_DEPTH}
 * archives inside each other. Going over any of them refuses the whole file.
 */
final class ExpansionBudget {

    static final long MAX_EXPANDED_BYTES = 200L * 1024 * 1024;
    /** A thousand to one is what bombs use; office files and ordinary archives stay far below a hundred. */
    static final long MAX_RATIO = 100;
    static final long GRACE_BYTES = 1024 * 1024;
    static final int MAX_DEPTH = 5;

    /** Thrown (as an I/O failure, so it passes through any stream) when the budget is exceeded. */
    static final class Refused extends IOException {
        Refused(String reason) {
            super(reason);
        }
    }

    /** The compressed bytes an entry has consumed so far, when the reader knows it. */
    interface CompressedCount {
        long get();
    }

    private final long inputBytes;
    private final java.util.function.Consumer<String> onRefusal;
    private long expanded;
    private String refusal;

    ExpansionBudget(long inputBytes) {
        this(inputBytes, reason -> { });
    }

    /** With a listener told of the first refusal, even one a parser swallows (the child reports it in the file's metadata). */
    ExpansionBudget(long inputBytes, java.util.function.Consumer<String> onRefusal) {
        this.inputBytes = inputBytes;
        this.onRefusal = onRefusal;
    }

    /** Why the file was refused, or null; set even when a parser swallowed the exception. */
    String refusal() {
        return refusal;
    }

    void checkDepth(int depth) throws Refused {
        if (depth > MAX_DEPTH) {
            throw refuse("archives nested more than " + MAX_DEPTH + " levels deep");
        }
    }

    /** An entry that says how large it is: refused at once when that alone is over the budget. */
    void checkDeclared(long declaredBytes) throws Refused {
        if (declaredBytes > MAX_EXPANDED_BYTES - expanded) {
            throw refuse("an entry declares " + declaredBytes + " bytes");
        }
    }

    /** The stream of one decompressed entry, counted against the budget as it is read. */
    InputStream count(InputStream entry, CompressedCount compressed) {
        return new FilterInputStream(entry) {
            private long entryBytes;

            @Override
            public int read() throws IOException {
                int read = super.read();
                if (read >= 0) {
                    add(1);
                }
                return read;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int read = super.read(buffer, offset, length);
                if (read > 0) {
                    add(read);
                }
                return read;
            }

            @Override
            public long skip(long bytes) throws IOException {
                // skipping still decompresses: count it by reading
                byte[] skipped = new byte[(int) Math.max(0, Math.min(bytes, 8192))];
                return Math.max(0, read(skipped, 0, skipped.length));
            }

            private void add(int bytes) throws Refused {
                entryBytes += bytes;
                long entryCompressed = compressed == null ? 0 : Math.max(1, compressed.get());
                if (compressed != null && entryBytes > GRACE_BYTES && entryBytes > MAX_RATIO * entryCompressed) {
                    throw refuse("an entry expands more than " + MAX_RATIO + " times");
                }
                expanded += bytes;
                if (expanded > MAX_EXPANDED_BYTES) {
                    throw refuse("it expands to more than " + MAX_EXPANDED_BYTES / (1024 * 1024) + " MB");
                }
                if (expanded > GRACE_BYTES && expanded > MAX_RATIO * inputBytes) {
                    throw refuse("it expands more than " + MAX_RATIO + " times its size");
                }
            }
        };
    }

    private Refused refuse(String reason) {
        if (refusal == null) {
            refusal = reason;
            onRefusal.accept(reason);
        }
        return new Refused(reason);
    }
}
