package no.mappe.templates;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.xwpf.usermodel.XWPFAbstractNum;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFNumbering;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTAbstractNum;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTFonts;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTLvl;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTNumLvl;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPrGeneral;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTRPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STLineSpacingRule;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STNumberFormat;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTabJc;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTabTlc;

/**
 * The styles part and the list definitions of a DOCX copy: Normal, Heading 1-3 with outline levels
 * (so Word's navigation pane and table of contents find them), TOC 1-3, and bullet and numbered
 * lists. Sizes follow the document's own CSS where it states them, so the copy keeps the PDF's look
 * when a template changes its body size.
 */
final class WordStyles {

    static final String FONT = "Noto Sans";
    /** Word's own symbol font for its check boxes; LibreOffice falls back to any font with the glyphs. */
    static final String SYMBOL_FONT = "Segoe UI Symbol";
    /** One millimetre in twentieths of a point (twips), Word's unit for spacing and widths. */
    static final double TWIPS_PER_MM = 56.6929;
    static final int LIST_INDENT = 340;

    private final XWPFNumbering numbering;
    private final BigInteger bullets;
    private final BigInteger decimals;

    private WordStyles(XWPFNumbering numbering, BigInteger bullets, BigInteger decimals) {
        this.numbering = numbering;
        this.bullets = bullets;
        this.decimals = decimals;
    }

    /** Defines the styles and lists in {@code word}; {@code css} is the document's style element, for its sizes. */
    static WordStyles define(XWPFDocument word, String css, String language) {
        double body = size(css, "body", 11);
        CTStyles styles = CTStyles.Factory.newInstance();
        CTRPr defaults = styles.addNewDocDefaults().addNewRPrDefault().addNewRPr();
        CTFonts fonts = defaults.addNewRFonts();
        fonts.setAscii(FONT);
        fonts.setHAnsi(FONT);
        fonts.setCs(FONT);
        defaults.addNewSz().setVal(halfPoints(body));
        defaults.addNewSzCs().setVal(halfPoints(body));
        defaults.addNewLang().setVal("da".equals(language) ? "da-DK" : "nb-NO");
        defaults.addNewColor().setVal("111111");

        CTStyle normal = paragraphStyle(styles, "Normal", "Normal", null);
        normal.setDefault(true);
        spacing(normal.addNewPPr(), 0, mm(2.5), 264);
        heading(styles, 1, size(css, "h1", 19), 0, mm(2));
        heading(styles, 2, size(css, "h2", 14), mm(7), mm(2));
        heading(styles, 3, size(css, "h3", 12), mm(5), mm(1.5));
        CTStyle tocHeading = paragraphStyle(styles, "TOCHeading", "TOC Heading", "Normal");
        spacing(tocHeading.addNewPPr(), mm(4), mm(2), 264);
        tocHeading.getPPr().addNewKeepNext();
        CTRPr tocHeadingRun = tocHeading.addNewRPr();
        tocHeadingRun.addNewB();
        tocHeadingRun.addNewSz().setVal(halfPoints(size(css, "h2", 14)));
        for (int level = 1; level <= 3; level++) {
            CTStyle toc = paragraphStyle(styles, "TOC" + level, "toc " + level, "Normal");
            CTPPrGeneral paragraph = toc.addNewPPr();
            spacing(paragraph, 0, mm(1.5), 264);
            paragraph.addNewInd().setLeft(BigInteger.valueOf((level - 1) * LIST_INDENT));
            var tab = paragraph.addNewTabs().addNewTab();
            tab.setVal(STTabJc.RIGHT);
            tab.setLeader(STTabTlc.DOT);
            tab.setPos(BigInteger.valueOf(DocxRenderer.TEXT_WIDTH));
        }
        CTStyle list = paragraphStyle(styles, "ListParagraph", "List Paragraph", "Normal");
        spacing(list.addNewPPr(), 0, mm(1), 264);
        CTStyle footer = paragraphStyle(styles, "Footer", "footer", "Normal");
        spacing(footer.addNewPPr(), 0, 0, 240);
        footer.getPPr().addNewTabs().addNewTab().setVal(STTabJc.RIGHT);
        footer.getPPr().getTabs().getTabArray(0).setPos(BigInteger.valueOf(DocxRenderer.TEXT_WIDTH));
        CTRPr footerRun = footer.addNewRPr();
        footerRun.addNewSz().setVal(BigInteger.valueOf(18)); // 9 pt, as the PDF's footer
        footerRun.addNewColor().setVal("444444");
        word.createStyles().setStyles(styles);

        XWPFNumbering numbering = word.createNumbering();
        BigInteger bullets = numbering.addAbstractNum(new XWPFAbstractNum(list(0, STNumberFormat.BULLET, "•", "◦", "▪"), numbering));
        BigInteger decimals = numbering.addAbstractNum(new XWPFAbstractNum(list(1, STNumberFormat.DECIMAL, "%1.", "%2.", "%3."),
                numbering));
        return new WordStyles(numbering, numbering.addNum(bullets), decimals);
    }

    /** The list every bulleted list shares. */
    BigInteger bulletList() {
        return bullets;
    }

    /** A numbered list of its own, restarting at {@code start} (Word would go on counting from the last list otherwise). */
    BigInteger numberedList(int start) {
        BigInteger numId = numbering.addNum(decimals);
        CTNumLvl override = numbering.getNum(numId).getCTNum().addNewLvlOverride();
        override.setIlvl(BigInteger.ZERO);
        override.addNewStartOverride().setVal(BigInteger.valueOf(start));
        return numId;
    }

    static int mm(double millimetres) {
        return (int) Math.round(millimetres * TWIPS_PER_MM);
    }

    static BigInteger halfPoints(double points) {
        return BigInteger.valueOf(Math.round(points * 2));
    }

    /** The font size in points a CSS rule for {@code selector} sets ({@code h2 { font-size: 13pt; }}), or the fallback. */
    static double size(String css, String selector, double fallback) {
        Matcher rule = Pattern.compile("(?:^|[}\\n])\\s*" + Pattern.quote(selector) + "\\s*\\{([^}]*)\\}").matcher(css);
        while (rule.find()) {
            Matcher size = Pattern.compile("font-size:\\s*([0-9.]+)pt").matcher(rule.group(1).toLowerCase(Locale.ROOT));
            if (size.find()) {
                return Double.parseDouble(size.group(1));
            }
        }
        return fallback;
    }

    private static void heading(CTStyles styles, int level, double points, int before, int after) {
        CTStyle heading = paragraphStyle(styles, "Heading" + level, "heading " + level, "Normal");
        CTPPrGeneral paragraph = heading.addNewPPr();
        paragraph.addNewKeepNext();
        paragraph.addNewKeepLines();
        spacing(paragraph, before, after, 240);
        paragraph.addNewOutlineLvl().setVal(BigInteger.valueOf(level - 1));
        CTRPr run = heading.addNewRPr();
        run.addNewB();
        run.addNewBCs();
        run.addNewSz().setVal(halfPoints(points));
        run.addNewSzCs().setVal(halfPoints(points));
    }

    private static CTStyle paragraphStyle(CTStyles styles, String id, String name, String basedOn) {
        CTStyle style = styles.addNewStyle();
        style.setType(STStyleType.PARAGRAPH);
        style.setStyleId(id);
        style.addNewName().setVal(name);
        if (basedOn != null) {
            style.addNewBasedOn().setVal(basedOn);
            style.addNewNext().setVal("Normal");
        }
        style.addNewQFormat();
        return style;
    }

    private static void spacing(CTPPrGeneral paragraph, int before, int after, int line) {
        var spacing = paragraph.addNewSpacing();
        spacing.setBefore(BigInteger.valueOf(before));
        spacing.setAfter(BigInteger.valueOf(after));
        spacing.setLine(BigInteger.valueOf(line));
        spacing.setLineRule(STLineSpacingRule.AUTO);
    }

    private static CTAbstractNum list(int id, STNumberFormat.Enum format, String... texts) {
        CTAbstractNum list = CTAbstractNum.Factory.newInstance();
        list.setAbstractNumId(BigInteger.valueOf(id));
        for (int level = 0; level < texts.length; level++) {
            CTLvl lvl = list.addNewLvl();
            lvl.setIlvl(BigInteger.valueOf(level));
            lvl.addNewStart().setVal(BigInteger.ONE);
            lvl.addNewNumFmt().setVal(format);
            lvl.addNewLvlText().setVal(texts[level]);
            var indent = lvl.addNewPPr().addNewInd();
            indent.setLeft(BigInteger.valueOf((level + 1) * LIST_INDENT));
            indent.setHanging(BigInteger.valueOf(LIST_INDENT));
        }
        return list;
    }
}
