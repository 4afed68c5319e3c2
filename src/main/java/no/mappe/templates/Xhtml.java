package no.mappe.templates;

/** Small helpers for XHTML that Mappe writes itself (evidence pages, index and certificate pages). */
public final class Xhtml {

    private Xhtml() {
    }

    /** Text made safe for element content and attribute values; null becomes empty. */
    public static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
