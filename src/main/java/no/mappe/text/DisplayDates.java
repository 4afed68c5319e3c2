package no.mappe.text;

import java.time.format.DateTimeFormatter;

/**
 * How Mappe writes dates and times for people, in Norwegian and Danish alike: on its pages, in the
 * documents it makes and seals, and in exports. One place, so a page and the document it shows agree.
 */
public final class DisplayDates {

    /** A day: 06.07.2026. */
    public static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    /** A moment to the minute, on the clock of whoever reads it: 06.07.2026 14:05. */
    public static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

    private DisplayDates() {
    }
}
