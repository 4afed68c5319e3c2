package no.mappe.security;

import java.util.List;
import java.util.Map;

/**
 * What a session was started from, in words a person recognises in their session list: a browser
 * family and an operating system read from the User-Agent ("Firefox", "Windows"). Nothing more of
 * the User-Agent is kept (no versions, which together with the rest can single a person out), and
 * never an IP address. Empty parts are unknown.
 */
public record Device(String browser, String system) {

    public static final Device UNKNOWN = new Device("", "");

    /** Checked in this order: Edge and Opera also say "Chrome", Chrome also says "Safari", Android also says "Linux". */
    private static final List<Map.Entry<String, String>> BROWSERS = List.of(
            Map.entry("Edg/", "Edge"), Map.entry("EdgA/", "Edge"), Map.entry("OPR/", "Opera"),
            Map.entry("SamsungBrowser/", "Samsung Internet"),
            Map.entry("Firefox/", "Firefox"), Map.entry("FxiOS/", "Firefox"), Map.entry("CriOS/", "Chrome"),
            Map.entry("HeadlessChrome/", "Chrome"), Map.entry("Chrome/", "Chrome"), Map.entry("Chromium/", "Chromium"),
            Map.entry("Safari/", "Safari"), Map.entry("curl/", "curl"), Map.entry("Java-http-client/", "Java"),
            Map.entry("python-requests/", "Python"), Map.entry("Python-urllib/", "Python"));
    private static final List<Map.Entry<String, String>> SYSTEMS = List.of(
            Map.entry("Windows", "Windows"), Map.entry("Android", "Android"), Map.entry("iPhone", "iOS"), Map.entry("iPad", "iPadOS"),
            Map.entry("CrOS", "ChromeOS"), Map.entry("Mac OS X", "macOS"), Map.entry("Macintosh", "macOS"), Map.entry("Linux", "Linux"));

    public Device {
        browser = browser == null ? "" : browser;
        system = system == null ? "" : system;
    }

    public static Device fromUserAgent(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return UNKNOWN;
        }
        return new Device(first(BROWSERS, userAgent), first(SYSTEMS, userAgent));
    }

    /** "Firefox on Windows", "Firefox", "Windows" or "unknown device": for the API. */
    public String description() {
        if (browser.isEmpty() && system.isEmpty()) {
            return "unknown device";
        }
        if (browser.isEmpty() || system.isEmpty()) {
            return browser + system;
        }
        return browser + " on " + system;
    }

    private static String first(List<Map.Entry<String, String>> known, String userAgent) {
        for (Map.Entry<String, String> entry : known) {
            if (userAgent.contains(entry.getKey())) {
                return entry.getValue();
            }
        }
        return "";
    }
}
