package no.mappe.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The pages a logged-in user reaches by following links: breadth-first from a start page, over the
 * same-origin {@code <a href>} links, with GET, in the {@link Browser} (so every page opened is read by
 * the language scan too). Downloads (PDF, DOCX, CSV, XLSX, the innsyn ZIP, API answers), logout and
 * anything the server does not answer with HTML are not opened; a link answered 4xx/5xx is a broken
 * link and is reported. Pages are told apart by their route pattern ({@link #pattern}), and a user
 * opens one page of each pattern (the first linked: the newest case, its first document), enough to
 * find the links on it without opening every case.
 */
public final class SiteCrawl {

    /** Pages of one pattern one user opens: the first linked (the newest case, its first document). */
    static final int INSTANCES = 1;

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern NUMBER = Pattern.compile("[0-9]+");
    /** A segment after these is a template's id ({@code /templates/consent}, {@code /cases/{id}/new/consent}). */
    private static final Set<String> BEFORE_TEMPLATE = Set.of("templates", "new");
    private static final List<String> NOT_PAGES_PREFIX = List.of("/api/", "/assets/", "/logout", "/login/sso/");
    private static final List<String> NOT_PAGES_SUFFIX = List.of("/pdf", "/draft-pdf", "/docx", "/csv", "/xlsx", "/export", "/content",
            ".pdf", ".png", ".zip", ".csv", ".xlsx", ".docx", ".yaml");
    private static final Set<String> NOT_PAGES = Set.of("/health", "/ready", "/metrics", "/openapi.yaml");
    /** Where the browser is (after redirects) and the page's links, in one round trip. */
    private static final String HERE_AND_LINKS = """
            return [location.pathname].concat(Array.prototype.map.call(document.querySelectorAll('a[href]'),
              function (a) { return a.href; }));""";

    private final Browser browser;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    private final String origin;
    private final int mostOpened;
    private int opened;
    private final Map<String, String> notFollowed = new LinkedHashMap<>();
    private final List<String> brokenLinks = new ArrayList<>();

    /** A crawl that fails once more than {@code mostOpened} pages have been opened, over all its users. */
    public SiteCrawl(Browser browser, String baseUri, int mostOpened) {
        this.browser = browser;
        this.origin = URI.create(baseUri).resolve("/").toString().replaceAll("/$", "");
        this.mostOpened = mostOpened;
    }

    /**
     * A path's route pattern: UUIDs become {@code {id}}, numbers {@code {n}}, a template's id {@code {template}};
     * the query is dropped ({@code /statistics?year=2019} is {@code /statistics}).
     */
    public static String pattern(String pathAndQuery) {
        String path = pathAndQuery.replaceAll("[?#].*$", "");
        String[] segments = path.split("/", -1);
        for (int i = 1; i < segments.length; i++) {
            if (UUID.matcher(segments[i]).matches()) {
                segments[i] = "{id}";
            } else if (NUMBER.matcher(segments[i]).matches()) {
                segments[i] = "{n}";
            } else if (BEFORE_TEMPLATE.contains(segments[i - 1]) && !segments[i].isEmpty() && !segments[i].startsWith("{")) {
                segments[i] = "{template}";
            }
        }
        String joined = String.join("/", segments);
        return joined.isEmpty() ? "/" : joined;
    }

    /**
     * Opens the start page and every page linked from the pages opened, breadth-first, as whoever is logged in
     * in the browser; {@code onPage} gets each opened page's route pattern while the browser shows it.
     */
    public void crawl(String start, Consumer<String> onPage) {
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        Map<String, String> foundOn = new HashMap<>(Map.of(start, "(start)"));
        Map<String, Integer> openedOfPattern = new HashMap<>();
        String cookies = browser.driver().manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; ")); // the session's; a crawl follows no link that logs in or out
        while (!queue.isEmpty()) {
            String target = queue.removeFirst();
            if (openedOfPattern.merge(pattern(target), 1, Integer::sum) > INSTANCES) {
                continue;
            }
            List<String> answer = fetch(target, cookies);
            int status = Integer.parseInt(answer.get(0));
            if (status >= 400) {
                brokenLinks.add(pattern(target) + " (linked on " + pattern(foundOn.get(target)) + ") answers " + status);
                continue;
            }
            if (!answer.get(1).startsWith("text/html")) {
                notFollowed.putIfAbsent(pattern(target), "answers " + answer.get(1).replaceAll(";.*", ""));
                continue;
            }
            if (++opened > mostOpened) {
                throw new AssertionError("The crawl opened more than " + mostOpened + " pages (at " + pattern(target) + "): a link that"
                        + " makes new addresses without end, or a site that grew; raise the cap in the test if it grew");
            }
            browser.go(target);
            List<String> hereAndLinks = hereAndLinks();
            String here = hereAndLinks.get(0);
            if (!pattern(here).equals(pattern(target))) {
                openedOfPattern.merge(pattern(here), 1, Integer::sum); // redirected ("/" to "/cases"): that one is open now
            }
            onPage.accept(pattern(here));
            for (String link : links(hereAndLinks.subList(1, hereAndLinks.size()))) {
                if (!foundOn.containsKey(link)) {
                    foundOn.put(link, here);
                    queue.addLast(link);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> hereAndLinks() {
        return (List<String>) browser.look(HERE_AND_LINKS);
    }

    /** The same-origin links among the page's, as path and query, without the pages that are not pages. */
    private List<String> links(List<String> hrefs) {
        List<String> links = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String href : hrefs) {
            if (!href.startsWith(origin + "/")) {
                continue;
            }
            String link = href.substring(origin.length()).replaceAll("#.*$", "");
            String path = link.replaceAll("\\?.*$", "");
            if (isDownloadOrAction(path)) {
                notFollowed.putIfAbsent(pattern(path), "a download or an action by its address");
            } else if (seen.add(link)) {
                links.add(link);
            }
        }
        return links;
    }

    private static boolean isDownloadOrAction(String path) {
        return NOT_PAGES.contains(path) || NOT_PAGES_PREFIX.stream().anyMatch(path::startsWith)
                || NOT_PAGES_SUFFIX.stream().anyMatch(path::endsWith);
    }

    /**
     * Asks for the page with the browser's cookies but without showing it (a download would leave the browser elsewhere; the
     * pages' Content-Security-Policy lets no script fetch): its status and content type.
     */
    private List<String> fetch(String target, String cookies) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(origin + target)).GET();
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies);
        }
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return List.of(String.valueOf(response.statusCode()), response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Links that answered with an error status: pattern, where it was linked, status. */
    public List<String> brokenLinks() {
        return brokenLinks;
    }

    /** Linked addresses not opened, by pattern, with why (a download or action by its address, or what it answers instead of HTML). */
    public Map<String, String> notFollowed() {
        return notFollowed;
    }

    public int opened() {
        return opened;
    }
}
