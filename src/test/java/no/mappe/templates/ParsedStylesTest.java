package no.mappe.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import no.mappe.templates.PdfRenderer.Shortcut;
import no.mappe.testing.MovableClock;
import org.junit.jupiter.api.Test;

/**
 * Stylesheets parsed once and lent to one render at a time draw the same pages as openhtmltopdf parsing each
 * document's style elements itself: on a first render, on later ones, with other stylesheets before and after
 * them (which number the selectors differently), and with renders running at once.
 */
class ParsedStylesTest {

    /** A second style element, before the template's own, that changes how the template's selectors are numbered. */
    private static final String BEFORE = "<style>p { color: #202020; } h1, h2 { color: #101010; } td { padding: 1mm; }</style>";
    private static final String AFTER = "<style>p { line-height: 1.6; } table.facts th { width: 30%; }</style>";

    @Test
    void stylesheetsReusedFromEarlierRendersDrawTheSamePagesAsParsingThemEachTime() throws IOException {
        PdfRenderer reusing = new PdfRenderer(1, Duration.ofSeconds(30), Shortcut.all());
        PdfRenderer parsing = new PdfRenderer(1, Duration.ofSeconds(30), Shortcut.allBut(Shortcut.REUSES_STYLES));
        int pages = 0;
        for (ShippedSamples.FilledTemplate filled : ShippedSamples.filledTemplates()) {
            List<String> variants = variants(filled.xhtml());
            for (String xhtml : variants) {
                byte[] reference = parsing.render(xhtml, filled.id());
                // the first render parses; the second borrows what the first gave back, numbered for another document in between
                pages += ShippedSamples.assertSamePages(reusing.render(xhtml, filled.id()), reference, filled.id() + " (first)");
                reusing.render(variants.get(1), filled.id());
                ShippedSamples.assertSamePages(reusing.render(xhtml, filled.id()), reference, filled.id() + " (again)");
            }
        }
        assertThat(pages).isGreaterThan(60);
    }

    @Test
    void rendersRunningAtOnceEachDrawWithStylesheetsOfTheirOwn() throws Exception {
        PdfRenderer reusing = new PdfRenderer(4, Duration.ofSeconds(60), Shortcut.all());
        PdfRenderer parsing = new PdfRenderer(1, Duration.ofSeconds(30), Shortcut.allBut(Shortcut.REUSES_STYLES));
        List<String> documents = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<byte[]> references = new ArrayList<>();
        for (ShippedSamples.FilledTemplate filled : ShippedSamples.filledTemplates().subList(0, 8)) {
            for (String xhtml : variants(filled.xhtml())) {
                documents.add(xhtml);
                ids.add(filled.id());
                references.add(parsing.render(xhtml, filled.id()));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> rendered = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < documents.size(); i++) {
                    int index = i;
                    rendered.add(pool.submit(() -> reusing.render(documents.get(index), ids.get(index))));
                }
            }
            for (int i = 0; i < rendered.size(); i++) {
                int index = i % documents.size();
                ShippedSamples.assertSamePages(rendered.get(i).get(), references.get(index), ids.get(index) + " #" + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void onlyALimitedNumberOfDistinctStylesheetsIsKept() throws IOException {
        PdfRenderer reusing = new PdfRenderer(1, Duration.ofSeconds(30), Shortcut.all());
        PdfRenderer parsing = new PdfRenderer(1, Duration.ofSeconds(30), Shortcut.allBut(Shortcut.REUSES_STYLES));
        ShippedSamples.FilledTemplate consent = ShippedSamples.filledTemplates().stream().filter(filled -> filled.id().equals("consent"))
                .findFirst().orElseThrow();
        for (int i = 0; i < ParsedStyles.MOST_TEXTS + 3; i++) {
            String xhtml = consent.xhtml().replaceFirst("</head>", "<style>p { margin-top: " + (i % 5) + "." + i + "pt; }</style></head>");
            ShippedSamples.assertSamePages(reusing.render(xhtml, "consent"), parsing.render(xhtml, "consent"), "consent with style " + i);
        }
        ParsedStyles styles = new ParsedStyles();
        for (int i = 0; i < ParsedStyles.MOST_TEXTS + 3; i++) {
            borrowAndGiveBack(styles, "p { margin: " + i + "pt; }");
        }
        assertThat(styles.texts()).isEqualTo(ParsedStyles.MOST_TEXTS);
    }

    @Test
    void aTextNoRenderHasUsedForTenMinutesIsDropped() {
        MovableClock clock = MovableClock.startingNow();
        ParsedStyles styles = new ParsedStyles(clock);
        borrowAndGiveBack(styles, "p { margin: 1pt; }");
        clock.advance(Duration.ofMinutes(6));
        borrowAndGiveBack(styles, "p { margin: 2pt; }");
        assertThat(styles.texts()).isEqualTo(2);
        clock.advance(Duration.ofMinutes(5));
        borrowAndGiveBack(styles, "p { margin: 2pt; }");
        assertThat(styles.texts()).as("the first text, unused for 11 minutes, is gone; the second was used 5 minutes ago").isEqualTo(1);
        clock.advance(ParsedStyles.KEPT_UNUSED.plusMinutes(1));
        borrowAndGiveBack(styles, "p { margin: 3pt; }");
        assertThat(styles.texts()).isEqualTo(1);
    }

    private static void borrowAndGiveBack(ParsedStyles styles, String css) {
        ParsedStyles.Loans loans = styles.forOneDocument();
        assertThat(loans.readStyleElement(styleElement(css)).getStylesheet()).isNotNull();
        loans.giveBack();
    }

    private static org.w3c.dom.Element styleElement(String css) {
        try {
            javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(
                    "<style xmlns=\"http://www.w3.org/1999/xhtml\">" + css + "</style>"))).getDocumentElement();
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The document as filled, with another style element before the template's own, and with one after it. */
    private static List<String> variants(String xhtml) {
        return List.of(xhtml, xhtml.replaceFirst("<style>", java.util.regex.Matcher.quoteReplacement(BEFORE) + "<style>"),
                xhtml.replaceFirst("</head>", java.util.regex.Matcher.quoteReplacement(AFTER) + "</head>"));
    }
}
