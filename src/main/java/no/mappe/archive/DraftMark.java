package no.mappe.archive;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Marks a generated document's XHTML as a draft before it is rendered: the word at the top of every
 * page (a page-margin box, so it repeats however long the document is) and in front of the title
 * and subject that become the PDF's metadata. Works on the filled XHTML a version was rendered from;
 * the result passes the same output allow-list as any other.
 */
final class DraftMark {

    private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>", Pattern.DOTALL);
    private static final Pattern SUBJECT = Pattern.compile("(<meta\\s+name=\"subject\"\\s+content=\")");

    private DraftMark() {
    }

    static String apply(String xhtml, String mark) {
        String css = "@page { @top-center { content: \"" + mark + "\"; font-family: 'Noto Sans'; font-weight: bold;"
                + " font-size: 16pt; color: #a00000; letter-spacing: 2pt; } }";
        String marked = xhtml;
        Matcher title = TITLE.matcher(marked);
        if (title.find()) {
            marked = title.replaceFirst(Matcher.quoteReplacement("<title>" + mark + " – " + title.group(1) + "</title>"));
        } else {
            marked = marked.replaceFirst("</head>", Matcher.quoteReplacement("<title>" + mark + "</title></head>"));
        }
        Matcher subject = SUBJECT.matcher(marked);
        marked = subject.find() ? subject.replaceFirst(Matcher.quoteReplacement(subject.group(1) + mark + " – "))
                : marked.replaceFirst("</head>", Matcher.quoteReplacement("<meta name=\"subject\" content=\"" + mark + "\" /></head>"));
        int styleEnd = marked.indexOf("</style>");
        return styleEnd >= 0 ? marked.substring(0, styleEnd) + css + "\n" + marked.substring(styleEnd)
                : marked.replaceFirst("</head>", Matcher.quoteReplacement("<style>" + css + "</style></head>"));
    }
}
