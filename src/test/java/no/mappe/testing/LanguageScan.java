package no.mappe.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what a Norwegian or Danish user must never read: English words (from
 * {@code language-scan/english-words.txt}) and internal ids and codes (UUIDs, long hex strings,
 * kebab-case ids such as {@code progress-report} or {@code ordinary-work}, camelCase field names,
 * ENUM_NAMES, years written with a thousands separator). Phrases in
 * {@code language-scan/allowed-phrases.txt} are true exceptions (product names, file formats). Used on
 * every page the browser tests visit ({@link Browser}) and on the exports and PDFs the system makes.
 */
public final class LanguageScan {

    private static final Map<String, Pattern> ID_PATTERNS = Map.of(
            "UUID", Pattern.compile("\\b\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}\\b"),
            "hex id", Pattern.compile("\\b\\p{XDigit}{16,}\\b"),
            "code", Pattern.compile("(?<![\\p{L}\\p{N}-])[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?![\\p{L}\\p{N}-])"),
            "field name", Pattern.compile("(?<![\\p{L}\\p{N}])[a-z]+[A-Z][A-Za-z]*(?![\\p{L}\\p{N}])"),
            "enum name", Pattern.compile("(?<![\\p{L}\\p{N}])[A-Za-z]+_[A-Za-z_]+(?![\\p{L}\\p{N}])"),
            "year with a thousands separator", Pattern.compile("(?<![\\d.])2[.\\u00a0\\u202f ]0\\d\\d(?![\\d.])"));

    private static final Pattern ADDRESSES = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+|https?://\\S+");

    private final List<Pattern> englishWords;
    private final List<String> allowed;

    private LanguageScan(List<String> words, List<String> allowed) {
        this.englishWords = words.stream().map(word -> Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(word)
                + "(?![\\p{L}\\p{N}])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)).toList();
        // longest first, so "e-post" is taken out before a shorter phrase inside it
        this.allowed = allowed.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** The scan with the word list and allow-list kept in src/test/resources/language-scan. */
    public static LanguageScan standard() {
        return new LanguageScan(lines("english-words.txt"), lines("allowed-phrases.txt"));
    }

    /**
     * What is wrong in the text, one line per finding ("English word 'signed' in: ...signed by..."),
     * empty when the text is all Norwegian or Danish.
     */
    public List<String> findings(String text) {
        // E-mail and web addresses are data (an organisation's contact lines), not words of the page.
        String rest = ADDRESSES.matcher(text).replaceAll(" ");
        for (String phrase : allowed) {
            rest = rest.replace(phrase, " ");
        }
        Set<String> found = new LinkedHashSet<>();
        for (Pattern word : englishWords) {
            collect(word.matcher(rest), "English word", rest, found);
        }
        for (Map.Entry<String, Pattern> id : ID_PATTERNS.entrySet()) {
            collect(id.getValue().matcher(rest), id.getKey(), rest, found);
        }
        return new ArrayList<>(found);
    }

    private static void collect(Matcher matcher, String what, String text, Set<String> found) {
        while (matcher.find()) {
            int from = Math.max(0, matcher.start() - 30);
            int to = Math.min(text.length(), matcher.end() + 30);
            found.add(what + " '" + matcher.group() + "' in: ..." + text.substring(from, to).replaceAll("\\s+", " ") + "...");
        }
    }

    private static List<String> lines(String name) {
        try (InputStream in = LanguageScan.class.getResourceAsStream("/language-scan/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource language-scan/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).distinct().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
