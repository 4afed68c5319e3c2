package no.mappe.templates;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * Objects that are costly to make and not thread-safe (parsed fonts, XML parsers), each lent to one
 * caller at a time and kept for the next when given back. A new one is made only when every one made
 * is lent out, so there are never more than callers have used at once; one that may be broken is simply
 * not given back.
 */
final class Lent<T> {

    /** More idle objects than this are dropped rather than kept (a burst beyond any normal load). */
    private static final int MAX_IDLE = 2 * Runtime.getRuntime().availableProcessors() + 2;

    private final Supplier<T> make;
    private final ConcurrentLinkedQueue<T> idle = new ConcurrentLinkedQueue<>();

    Lent(Supplier<T> make) {
        this.make = make;
    }

    /** One for this caller alone until {@link #giveBack}. */
    T borrow() {
        T lent = idle.poll();
        return lent != null ? lent : make.get();
    }

    void giveBack(T returned) {
        if (idle.size() < MAX_IDLE) {
            idle.add(returned);
        }
    }
}
