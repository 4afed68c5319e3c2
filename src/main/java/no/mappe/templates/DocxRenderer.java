package no.mappe.templates;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.mappe.errors.UnableToRenderDocument;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFooter;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSimpleField;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Turns the same filled XHTML that became the PDF into an editable DOCX (Apache POI), so a
 * counsellor can work on a draft in Word or LibreOffice: real heading styles with outline levels, a
 * table-of-contents field Word fills on opening, tables fixed to the text width with their header
 * rows repeated, check boxes as ☐/☒, the organisation's logo and page numbers in the footer. The
 * XHTML passes the {@link OutputAllowList} first; the conversion reads the tree only, and the only
 * images it takes are the embedded PNGs in it, so nothing is ever fetched from the network or a file.
 */
public final class DocxRenderer {

    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    /** A4 in twips (twentieths of a point), the page the PDF uses. */
    static final int PAGE_WIDTH = 11906;
    static final int PAGE_HEIGHT = 16838;
    /** The layout's side margins (templates/_partials/layout.xhtml): a 132 mm text column, about 75 characters a line. */
    static final int MARGIN_SIDE = WordStyles.mm(39);
    /** The text area's width: every table is laid out to exactly this. */
    static final int TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_SIDE;

    /** Checks the XHTML against the {@link OutputAllowList} and converts the tree that passed. */
    public byte[] render(String xhtml, String templateId) {
        return render(OutputAllowList.check(xhtml, templateId), templateId);
    }

    /** Converts a parsed tree; loads nothing from outside, even if the tree asks to (tests give it hostile trees). */
    byte[] render(org.w3c.dom.Document checked, String templateId) {
        try (XWPFDocument word = new XWPFDocument()) {
            Element html = checked.getDocumentElement();
            String language = html.getAttribute("lang").isEmpty() ? "nb" : html.getAttribute("lang");
            String css = head(html, "style");
            WordStyles styles = WordStyles.define(word, css, language);
            properties(word, html);
            CTSectPr section = word.getDocument().getBody().addNewSectPr();
            page(section, css);
            new XhtmlToWord(word, styles, language, css).body(child(html, "body"));
            footer(word, section, child(html, "body"), css, language);
            // Word fills the table-of-contents field (and the page numbers) when the document is opened.
            word.enforceUpdateFields();
            ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
            word.write(out);
            return out.toByteArray();
        } catch (Exception e) {
            throw new UnableToRenderDocument(templateId, e);
        }
    }

    private static void properties(XWPFDocument word, Element html) {
        var core = word.getProperties().getCoreProperties();
        core.setTitle(head(html, "title").strip());
        Element head = child(html, "head");
        for (Node node = head == null ? null : head.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element meta && "meta".equals(meta.getLocalName())) {
                switch (meta.getAttribute("name")) {
                    case "subject" -> core.setSubjectProperty(meta.getAttribute("content"));
                    case "author" -> core.setCreator(meta.getAttribute("content"));
                    default -> { }
                }
            }
        }
    }

    /** A4 with the PDF's margins ({@code @page { margin: top right bottom left }}), the footer in the bottom margin. */
    private static void page(CTSectPr section, String css) {
        CTPageSz size = section.addNewPgSz();
        size.setW(BigInteger.valueOf(PAGE_WIDTH));
        size.setH(BigInteger.valueOf(PAGE_HEIGHT));
        int[] margins = {WordStyles.mm(20), MARGIN_SIDE, WordStyles.mm(22), MARGIN_SIDE};
        Matcher page = Pattern.compile("@page\\s*\\{[^{}]*?margin:\\s*([0-9.]+)mm\\s+[0-9.]+mm\\s+([0-9.]+)mm").matcher(css);
        if (page.find()) {
            margins[0] = WordStyles.mm(Double.parseDouble(page.group(1)));
            margins[2] = WordStyles.mm(Double.parseDouble(page.group(2)));
        }
        CTPageMar margin = section.addNewPgMar();
        margin.setTop(BigInteger.valueOf(margins[0]));
        margin.setRight(BigInteger.valueOf(margins[1]));
        margin.setBottom(BigInteger.valueOf(margins[2]));
        margin.setLeft(BigInteger.valueOf(margins[3]));
        margin.setHeader(BigInteger.valueOf(WordStyles.mm(10)));
        margin.setFooter(BigInteger.valueOf(WordStyles.mm(10)));
        margin.setGutter(BigInteger.ZERO);
    }

    /** The running footer of the PDF (organisation and title) and "Side n av m"; none on a cover page that has none in the PDF. */
    private static void footer(XWPFDocument word, CTSectPr section, Element body, String css, String language) {
        String text = "";
        for (Node node = body == null ? null : body.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element div && XhtmlToWord.classes(div).contains("footer")) {
                text = div.getTextContent().strip().replaceAll("\\s+", " ");
            }
        }
        XWPFFooter footer = word.createFooter(HeaderFooterType.DEFAULT);
        XWPFParagraph line = footer.getParagraphArray(0) != null ? footer.getParagraphArray(0) : footer.createParagraph();
        line.setStyle("Footer");
        line.createRun().setText(text);
        XWPFRun pages = line.createRun();
        pages.addTab();
        pages.setText("Side ");
        field(line, "PAGE", "1");
        line.createRun().setText("da".equals(language) ? " af " : " av ");
        field(line, "NUMPAGES", "1");
        if (css.toLowerCase(Locale.ROOT).contains("@page :first")) {
            word.createFooter(HeaderFooterType.FIRST);
            if (!section.isSetTitlePg()) {
                section.addNewTitlePg();
            }
        }
    }

    private static void field(XWPFParagraph paragraph, String instruction, String placeholder) {
        CTSimpleField field = paragraph.getCTP().addNewFldSimple();
        field.setInstr(instruction);
        field.addNewR().addNewT().setStringValue(placeholder);
    }

    private static String head(Element html, String name) {
        Element head = child(html, "head");
        StringBuilder text = new StringBuilder();
        for (Node node = head == null ? null : head.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(element.getLocalName())) {
                text.append(element.getTextContent()).append('\n');
            }
        }
        return text.toString();
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(element.getLocalName())) {
                return element;
            }
        }
        return null;
    }
}
