package no.mappe.untrusted;

import java.io.ObjectInputFilter;
import java.util.function.BinaryOperator;

/**
 * Limits what Mappe deserialises from its text extractor children. Tika Pipes sends each child's
 * reply (the file's text and metadata) back with Java serialisation, read by a plain
 * ObjectInputStream in {@code org.apache.tika.pipes.PipesClient}, in this, the trusted process. A
 * child taken over by a hostile file could send a gadget chain or a huge object graph instead. So
 * every stream that Tika's client opens gets an allow-list (Tika's metadata and pipes classes and
 * plain java.lang/java.util values) and limits on bytes, array length, depth and references; the
 * text itself is bounded by the write limit, the metadata only by these limits (and the parent
 * reads nothing but the text and the failure from it).
 *
 * <p>The JVM takes one filter factory, and only before the first ObjectInputStream exists, so
 * {@link #install()} runs first thing at start. Every other stream keeps exactly the filter it had
 * (the {@code jdk.serialFilter} property, if set): nothing else in the JVM changes.
 */
public final class ReplyFilter {

    /** Text of 2M chars is at most 6 MB in modified UTF-8; the rest is metadata, which a real document keeps small. */
    static final ObjectInputFilter TIKA_REPLIES = ObjectInputFilter.Config.createFilter(
            "maxbytes=16777216;maxarray=100000;maxdepth=16;maxrefs=100000;"
                    + "org.apache.tika.pipes.emitter.EmitData;org.apache.tika.pipes.emitter.EmitKey;org.apache.tika.metadata.*;"
                    + "org.apache.tika.parser.ParseContext;java.lang.*;java.util.*;!*");
    private static final String PIPES_CLIENT = "org.apache.tika.pipes.PipesClient";

    private static final BinaryOperator<ObjectInputFilter> FACTORY = ReplyFilter::choose;

    private ReplyFilter() {
    }

    /** Installs the factory once per JVM; refuses (IllegalStateException) when another factory was installed before. */
    public static synchronized void install() {
        if (ObjectInputFilter.Config.getSerialFilterFactory() == FACTORY) {
            return;
        }
        ObjectInputFilter.Config.setSerialFilterFactory(FACTORY);
    }

    /** Whether replies from children are filtered in this JVM. */
    public static boolean installed() {
        return ObjectInputFilter.Config.getSerialFilterFactory() == FACTORY;
    }

    /** Called for every new ObjectInputStream (current null) and every setObjectInputFilter. */
    private static ObjectInputFilter choose(ObjectInputFilter current, ObjectInputFilter requested) {
        if (current != null) {
            // a filter set on the stream later: ours stays in front of it
            return current == TIKA_REPLIES ? ObjectInputFilter.merge(TIKA_REPLIES, requested) : requested;
        }
        if (!openedByTikaClient()) {
            return requested;
        }
        return requested == null ? TIKA_REPLIES : ObjectInputFilter.merge(TIKA_REPLIES, requested);
    }

    private static boolean openedByTikaClient() {
        return StackWalker.getInstance().walk(frames -> frames.limit(24).anyMatch(frame -> frame.getClassName().equals(PIPES_CLIENT)));
    }
}
