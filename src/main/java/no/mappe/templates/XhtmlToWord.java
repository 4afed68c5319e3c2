package no.mappe.templates;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.xwpf.usermodel.Borders;
import org.apache.poi.xwpf.usermodel.LineSpacingRule;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.VerticalAlign;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTFldChar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STFldCharType;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblWidth;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * One walk over the body of a checked XHTML tree, writing Word paragraphs, runs and tables. Block
 * elements become paragraphs (h1-h3 with the Heading styles), inline elements become runs; white
 * space is folded as a browser would, except where the CSS keeps line breaks (class "text", the
 * cells of a grid). Nothing here loads anything: images are taken only from embedded PNG data.
 */
final class XhtmlToWord {

    private static final Set<String> SKIPPED = Set.of("head", "title", "meta", "style", "script", "bookmarks", "bookmark", "link",
            "colgroup", "col");
    private static final Set<String> BLOCKS = Set.of("html", "body", "div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
            "dl", "dt", "dd", "blockquote", "pre", "hr", "section", "article", "header", "footer", "aside", "figure", "figcaption",
            "address", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td");
    private static final Pattern INLINE_SIZE = Pattern.compile("font-size\\s*:\\s*([0-9.]+)pt");
    private static final Pattern INLINE_COLOUR = Pattern.compile("(?:^|;|\\s)color\\s*:\\s*#([0-9a-f]{6}|[0-9a-f]{3})\\b");
    static final String UNCHECKED = "☐";
    static final String CHECKED = "☒";

    private final XWPFDocument word;
    private final WordStyles styles;
    private final String language;
    private final List<Heading> headings = new ArrayList<>();
    private final Map<String, Double> classWidths;
    private final Set<String> unmarkedLists;
    private boolean pageBreakPending;
    private boolean tableOfContentsWritten;

    XhtmlToWord(XWPFDocument word, WordStyles styles, String language, String css) {
        this.word = word;
        this.styles = styles;
        this.language = language;
        this.classWidths = WordTables.classWidths(css);
        this.unmarkedLists = unmarkedLists(css);
    }

    /** List classes the CSS shows without bullets or numbers ({@code ul.options { list-style: none; }}). */
    private static Set<String> unmarkedLists(String css) {
        Set<String> classes = new HashSet<>();
        Matcher rule = Pattern.compile("([^{}]+)\\{([^{}]*)\\}").matcher(css);
        while (rule.find()) {
            if (rule.group(2).replaceAll("\\s", "").toLowerCase(Locale.ROOT).matches("(?s).*list-style(-type)?:none.*")) {
                Matcher list = Pattern.compile("(?:ul|ol)\\.([\\w-]+)\\s*$").matcher(rule.group(1).strip());
                if (list.find()) {
                    classes.add(list.group(1));
                }
            }
        }
        return classes;
    }

    private record Heading(int level, String text) {
    }

    /** Where paragraphs and tables go: the document's body, or a table cell. */
    private interface Sink {
        XWPFParagraph paragraph();

        XWPFTable table();
    }

    /** How the paragraphs of a block look; each nested block derives its own. */
    private record Block(String style, ParagraphAlignment alignment, int indent, int rightIndent, boolean boxed, boolean ruleAbove,
                         boolean ruleBelow, boolean keepLines, Run run, BigInteger list, int listLevel) {

        static final Block NORMAL = new Block(null, null, 0, 0, false, false, false, false, Run.PLAIN, null, 0);

        Block with(Run newRun) {
            return new Block(style, alignment, indent, rightIndent, boxed, ruleAbove, ruleBelow, keepLines, newRun, list, listLevel);
        }

        Block styled(String newStyle) {
            return new Block(newStyle, alignment, indent, rightIndent, boxed, ruleAbove, ruleBelow, keepLines, run, list, listLevel);
        }

        Block indented(int more) {
            return new Block(style, alignment, indent + more, rightIndent, boxed, ruleAbove, ruleBelow, keepLines, run, list, listLevel);
        }

        Block listItem(BigInteger numId, int level) {
            return new Block("ListParagraph", alignment, indent, rightIndent, boxed, ruleAbove, ruleBelow, keepLines, run, numId, level);
        }

        Block notListItem() {
            return list == null ? this : new Block(style, alignment, indent + WordStyles.LIST_INDENT * (listLevel + 1), rightIndent, boxed,
                    ruleAbove, ruleBelow, keepLines, run, null, 0);
        }

        Block flags(boolean box, boolean above, boolean below, int right, boolean keep) {
            return new Block(style, alignment, indent, rightIndent + right, boxed || box, ruleAbove || above, ruleBelow || below,
                    keepLines || keep, run, list, listLevel);
        }
    }

    /** How text runs look. */
    private record Run(boolean bold, boolean italic, boolean underline, boolean strike, double size, String colour, boolean keepBreaks,
                       VerticalAlign position, boolean monospace) {

        static final Run PLAIN = new Run(false, false, false, false, 0, null, false, null, false);

        Run bolder() {
            return new Run(true, italic, underline, strike, size, colour, keepBreaks, position, monospace);
        }

        Run change(boolean italics, boolean underlined, boolean struck, double points, String newColour, boolean breaks,
                   VerticalAlign newPosition, boolean mono) {
            return new Run(bold, italic || italics, underline || underlined, strike || struck, points > 0 ? points : size,
                    newColour != null ? newColour : colour, keepBreaks || breaks, newPosition != null ? newPosition : position,
                    monospace || mono);
        }
    }

    /** The inline content of one paragraph, gathered before the paragraph is written so white space can be folded across elements. */
    private static final class Pending {
        final List<Object> pieces = new ArrayList<>();

        boolean isEmpty() {
            return pieces.isEmpty();
        }
    }

    private record Text(String text, Run run) {
    }

    private record Symbol(String symbol, Run run) {
    }

    private enum LineBreak { INSTANCE }

    void body(Element body) {
        if (body == null) {
            return;
        }
        collectHeadings(body);
        Sink document = new Sink() {
            @Override
            public XWPFParagraph paragraph() {
                return word.createParagraph();
            }

            @Override
            public XWPFTable table() {
                if (pageBreakPending) {
                    // Word ignores "page break before" inside a table, so a hairline paragraph carries it.
                    XWPFParagraph breaker = XhtmlToWord.this.paragraph(this, Block.NORMAL);
                    breaker.setSpacingBetween(1, LineSpacingRule.EXACT);
                    breaker.setSpacingAfter(0);
                }
                XWPFTable table = word.createTable();
                table.removeRow(0);
                return table;
            }
        };
        blocks(body, document, Block.NORMAL);
    }

    /** The children of a block: runs of inline content become paragraphs, block children are handled each in turn. */
    private void blocks(Element container, Sink sink, Block block) {
        Pending pending = new Pending();
        for (Node node = container.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE) {
                text(node.getNodeValue(), block.run(), pending);
            } else if (node instanceof Element element && !SKIPPED.contains(element.getLocalName())) {
                if (BLOCKS.contains(element.getLocalName())) {
                    flush(pending, sink, block);
                    pending = new Pending();
                    block(element, sink, block);
                } else {
                    inline(element, block.run(), pending, sink, block);
                }
            }
        }
        flush(pending, sink, block);
    }

    private void block(Element element, Sink sink, Block parent) {
        Set<String> classes = classes(element);
        String name = element.getLocalName();
        String style = element.getAttribute("style").toLowerCase(Locale.ROOT);
        if (classes.contains("footer") && "div".equals(name)) {
            return; // the running footer goes into the page footer
        }
        if (classes.contains("new-page") || classes.contains("page-break") || style.replace(" ", "").contains("page-break-before:always")) {
            pageBreakPending = true;
        }
        Block block = parent.flags(classes.contains("box"), classes.contains("signature-line"),
                classes.contains("letterhead") || "hr".equals(name), classes.contains("signature-line") ? WordStyles.mm(6) : 0, false)
                .with(runFor(element, classes, parent.run()));
        switch (name) {
            case "h1", "h2", "h3" -> {
                int level = name.charAt(1) - '0';
                // Contents of their own go after the title and its introduction, before the first section.
                if (level > 1 && !tableOfContentsWritten && headings.size() > 3 && !hasOwnContents(element.getOwnerDocument())) {
                    tableOfContents(sink, true);
                }
                blocks(element, sink, block.notListItem().styled("Heading" + level).with(block.run()));
            }
            case "h4", "h5", "h6", "dt" -> blocks(element, sink, block.notListItem().with(block.run().bolder())
                    .flags(false, false, false, 0, true));
            case "dd", "blockquote" -> blocks(element, sink, block.notListItem().indented(WordStyles.mm(6)));
            case "ul", "ol" -> list(element, classes, sink, block);
            case "table" -> table(element, classes, sink, block.notListItem());
            case "hr" -> sink.paragraph().setBorderBottom(Borders.SINGLE);
            default -> {
                if (classes.contains("signature-slot")) {
                    signatureSlot(element, sink, block);
                } else {
                    Run preformatted = block.run().change(false, false, false, 0, null, true, null, true);
                    blocks(element, sink, "pre".equals(name) ? block.with(preformatted) : block);
                }
            }
        }
    }

    private void list(Element list, Set<String> classes, Sink sink, Block block) {
        if (classes.contains("toc") && !tableOfContentsWritten) {
            tableOfContents(sink, false);
            return;
        }
        boolean plain = classes.stream().anyMatch(unmarkedLists::contains);
        int level = block.list() == null ? 0 : Math.min(block.listLevel() + 1, 2);
        BigInteger numId = plain ? null : "ol".equals(list.getLocalName()) ? styles.numberedList(start(list)) : styles.bulletList();
        for (Node node = list.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element item && "li".equals(item.getLocalName())) {
                Block itemBlock = plain ? block.notListItem() : block.listItem(numId, level);
                listItem(item, sink, itemBlock);
            }
        }
    }

    /** A list item: its first paragraph carries the number or bullet, later ones are indented under it. */
    private void listItem(Element item, Sink sink, Block block) {
        Pending pending = new Pending();
        Block current = block;
        for (Node node = item.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE) {
                text(node.getNodeValue(), current.run(), pending);
            } else if (node instanceof Element element && !SKIPPED.contains(element.getLocalName())) {
                if (BLOCKS.contains(element.getLocalName())) {
                    if (flush(pending, sink, current)) {
                        current = current.notListItem().styled("ListParagraph");
                    }
                    pending = new Pending();
                    block(element, sink, current);
                    current = current.notListItem().styled("ListParagraph");
                } else {
                    inline(element, current.run(), pending, sink, current);
                }
            }
        }
        flush(pending, sink, current);
    }

    private static int start(Element list) {
        try {
            return list.getAttribute("start").isBlank() ? 1 : Integer.parseInt(list.getAttribute("start").strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private void inline(Element element, Run run, Pending pending, Sink sink, Block block) {
        Set<String> classes = classes(element);
        switch (element.getLocalName()) {
            case "br" -> pending.pieces.add(LineBreak.INSTANCE);
            case "img" -> {
                WordPicture picture = WordPicture.from(element, classes);
                if (picture == null) {
                    return;
                }
                if (classes.contains("logo") && pending.isEmpty()) {
                    // The PDF floats the logo to the right of the letterhead; Word gets it right-aligned on its own line above.
                    Pending logo = new Pending();
                    logo.pieces.add(picture);
                    flush(logo, sink, new Block(null, ParagraphAlignment.RIGHT, 0, 0, false, false, false, false, Run.PLAIN, null, 0));
                } else {
                    pending.pieces.add(picture);
                }
            }
            default -> {
                if (classes.contains("check")) {
                    boolean ticked = !element.getTextContent().replace('\u00a0', ' ').isBlank();
                    pending.pieces.add(new Symbol(ticked ? CHECKED : UNCHECKED, run));
                    pending.pieces.add(new Text(" ", run));
                    return;
                }
                Run inner = runFor(element, classes, run);
                for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
                    if (node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE) {
                        text(node.getNodeValue(), inner, pending);
                    } else if (node instanceof Element child && !SKIPPED.contains(child.getLocalName())) {
                        if (BLOCKS.contains(child.getLocalName())) {
                            // A block inside an inline element (invalid, but possible): its text stays in this paragraph.
                            text(" " + child.getTextContent() + " ", inner, pending);
                        } else {
                            inline(child, inner, pending, sink, block);
                        }
                    }
                }
            }
        }
    }

    private static Run runFor(Element element, Set<String> classes, Run run) {
        Run result = switch (element.getLocalName()) {
            case "strong", "b", "th" -> run.bolder();
            case "em", "i", "cite" -> run.change(true, false, false, 0, null, false, null, false);
            case "u", "ins" -> run.change(false, true, false, 0, null, false, null, false);
            case "s", "del" -> run.change(false, false, true, 0, null, false, null, false);
            case "small" -> run.change(false, false, false, 8.5, null, false, null, false);
            case "sub" -> run.change(false, false, false, 0, null, false, VerticalAlign.SUBSCRIPT, false);
            case "sup" -> run.change(false, false, false, 0, null, false, VerticalAlign.SUPERSCRIPT, false);
            case "code" -> run.change(false, false, false, 0, null, false, null, true);
            default -> run;
        };
        if (classes.contains("muted")) {
            result = result.change(false, false, false, 11, "444444", false, null, false);
        }
        if (classes.contains("lead")) {
            result = result.change(false, false, false, 12, null, false, null, false);
        }
        String style = element.getAttribute("style").toLowerCase(Locale.ROOT);
        if (classes.contains("text") || style.matches("(?s).*white-space\\s*:\\s*pre.*")) {
            result = result.change(false, false, false, 0, null, true, null, false);
        }
        Matcher size = INLINE_SIZE.matcher(style);
        Matcher colour = INLINE_COLOUR.matcher(style);
        return result.change(false, false, false, size.find() ? Double.parseDouble(size.group(1)) : 0,
                colour.find() ? expand(colour.group(1)) : null, false, null, false);
    }

    /** A CSS colour as Word writes it: #333 is 333333. */
    private static String expand(String hex) {
        String full = hex.length() == 6 ? hex : hex.replaceAll("(.)", "$1$1");
        return full.toUpperCase(Locale.ROOT);
    }

    private static void text(String text, Run run, Pending pending) {
        if (!text.isEmpty()) {
            pending.pieces.add(new Text(text, run));
        }
    }

    /** Writes the gathered inline content as one paragraph; nothing when it is only white space. Returns whether it wrote one. */
    private boolean flush(Pending pending, Sink sink, Block block) {
        List<Object> pieces = fold(pending.pieces);
        if (pieces.isEmpty()) {
            return false;
        }
        XWPFParagraph paragraph = paragraph(sink, block);
        for (Object piece : pieces) {
            switch (piece) {
                case Text text -> write(paragraph, text.text(), text.run());
                case Symbol symbol -> {
                    XWPFRun run = paragraph.createRun();
                    format(run, symbol.run());
                    run.setFontFamily(WordStyles.SYMBOL_FONT);
                    run.setText(symbol.symbol());
                }
                case WordPicture picture -> {
                    try {
                        paragraph.createRun().addPicture(new ByteArrayInputStream(picture.png()), XWPFDocument.PICTURE_TYPE_PNG,
                                "bilde.png", picture.widthEmu(), picture.heightEmu());
                    } catch (Exception e) {
                        throw new IllegalStateException("An embedded PNG could not be placed in the DOCX", e);
                    }
                }
                default -> paragraph.createRun().addBreak();
            }
        }
        return true;
    }

    /** Folds white space as a browser would: runs of it become one space, none at a paragraph's start, end, or around a line break. */
    private static List<Object> fold(List<Object> pieces) {
        List<Object> folded = new ArrayList<>();
        boolean atSpace = true;
        for (Object piece : pieces) {
            if (piece instanceof Text text && !text.run().keepBreaks()) {
                String value = text.text().replaceAll("[ \\t\\r\\n\\f]+", " ");
                if (atSpace && value.startsWith(" ")) {
                    value = value.substring(1);
                }
                if (!value.isEmpty()) {
                    folded.add(new Text(value, text.run()));
                    atSpace = value.endsWith(" ");
                }
            } else if (piece instanceof Text text) {
                String value = text.text().replace("\r\n", "\n");
                if (atSpace && folded.isEmpty()) {
                    value = value.replaceFirst("^[ \\t]+", "");
                }
                if (!value.isEmpty()) {
                    folded.add(new Text(value, text.run()));
                    atSpace = value.endsWith(" ") || value.endsWith("\n");
                }
            } else {
                if (piece == LineBreak.INSTANCE) {
                    trimEnd(folded);
                }
                folded.add(piece);
                atSpace = piece == LineBreak.INSTANCE;
            }
        }
        trimEnd(folded);
        boolean visible = folded.stream().anyMatch(piece -> !(piece instanceof Text text) || !text.text().isBlank());
        return visible ? folded : List.of();
    }

    private static void trimEnd(List<Object> folded) {
        while (!folded.isEmpty() && folded.get(folded.size() - 1) instanceof Text text) {
            String trimmed = text.text().replaceFirst("[ \\t\\r\\n]+$", "");
            folded.remove(folded.size() - 1);
            if (!trimmed.isEmpty()) {
                folded.add(new Text(trimmed, text.run()));
                return;
            }
        }
    }

    /** A run per line; the line breaks a pre-wrap text keeps become Word line breaks. */
    private static void write(XWPFParagraph paragraph, String text, Run run) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            XWPFRun wordRun = paragraph.createRun();
            format(wordRun, run);
            if (i > 0) {
                wordRun.addBreak();
            }
            wordRun.setText(lines[i]);
        }
    }

    private static void format(XWPFRun wordRun, Run run) {
        if (run.bold()) {
            wordRun.setBold(true);
        }
        if (run.italic()) {
            wordRun.setItalic(true);
        }
        if (run.underline()) {
            wordRun.setUnderline(org.apache.poi.xwpf.usermodel.UnderlinePatterns.SINGLE);
        }
        if (run.strike()) {
            wordRun.setStrikeThrough(true);
        }
        if (run.size() > 0) {
            wordRun.setFontSize(run.size());
        }
        if (run.colour() != null) {
            wordRun.setColor(run.colour());
        }
        if (run.position() != null) {
            wordRun.setSubscript(run.position());
        }
        if (run.monospace()) {
            wordRun.setFontFamily("Noto Sans Mono");
        }
    }

    private XWPFParagraph paragraph(Sink sink, Block block) {
        XWPFParagraph paragraph = sink.paragraph();
        if (block.style() != null) {
            paragraph.setStyle(block.style());
        }
        if (block.alignment() != null) {
            paragraph.setAlignment(block.alignment());
        }
        if (block.list() != null) {
            paragraph.setNumID(block.list());
            paragraph.setNumILvl(BigInteger.valueOf(block.listLevel()));
        }
        if (block.indent() > 0) {
            paragraph.setIndentationLeft(block.indent() + (block.list() == null ? 0 : WordStyles.LIST_INDENT * (block.listLevel() + 1)));
            if (block.list() != null) {
                paragraph.setIndentationHanging(WordStyles.LIST_INDENT);
            }
        }
        if (block.rightIndent() > 0) {
            paragraph.setIndentationRight(block.rightIndent());
        }
        if (block.boxed()) {
            // Word draws one box around neighbouring paragraphs with the same borders and indents.
            paragraph.setBorderTop(Borders.SINGLE);
            paragraph.setBorderBottom(Borders.SINGLE);
            paragraph.setBorderLeft(Borders.SINGLE);
            paragraph.setBorderRight(Borders.SINGLE);
        }
        if (block.ruleAbove()) {
            paragraph.setBorderTop(Borders.SINGLE);
            paragraph.setSpacingBefore(0);
        }
        if (block.ruleBelow()) {
            paragraph.setBorderBottom(Borders.SINGLE);
            paragraph.setSpacingAfter(WordStyles.mm(7));
        }
        if (block.keepLines()) {
            // XWPFParagraph.setKeepNext fails on a paragraph without properties yet.
            (paragraph.getCTP().isSetPPr() ? paragraph.getCTP().getPPr() : paragraph.getCTP().addNewPPr()).addNewKeepNext();
        }
        if (pageBreakPending) {
            paragraph.setPageBreak(true);
            pageBreakPending = false;
        }
        return paragraph;
    }

    /** The space a signature is written in: the signature image if the version is signed, else 13 mm of blank paper. */
    private void signatureSlot(Element slot, Sink sink, Block block) {
        boolean signed = slot.getElementsByTagNameNS(OutputAllowList.XHTML, "img").getLength() > 0 || !slot.getTextContent().isBlank();
        if (signed) {
            blocks(slot, sink, block); // the signature image and when it was signed
            return;
        }
        XWPFParagraph space = paragraph(sink, block);
        space.setSpacingBetween(13 * 72 / 25.4, LineSpacingRule.EXACT); // in points
        space.setSpacingBefore(WordStyles.mm(12));
        space.setSpacingAfter(0);
        space.createRun().setText("");
    }

    // ----- tables

    /** A table laid out to the text width (fixed layout, column widths from the CSS or the content), header rows repeated. */
    private void table(Element element, Set<String> classes, Sink sink, Block block) {
        List<Element> rows = new ArrayList<>();
        List<Boolean> header = new ArrayList<>();
        WordTables.collectRows(element, rows, header, false);
        if (rows.isEmpty()) {
            return;
        }
        if (!header.contains(true) && WordTables.isHeaderRow(rows.get(0))) {
            header.set(0, true);
        }
        int columns = 0;
        for (Element row : rows) {
            columns = Math.max(columns, WordTables.cells(row).stream().mapToInt(WordTables::span).sum());
        }
        if (columns == 0) {
            return;
        }
        boolean layout = "presentation".equals(element.getAttribute("role")) || classes.contains("signatures");
        int[] widths = WordTables.columnWidths(rows, columns, classes, classWidths);
        XWPFTable table = sink.table();
        if (table == null) {
            // A table in a table cell: its cells become paragraphs of the outer cell.
            for (Element row : rows) {
                for (Element cell : WordTables.cells(row)) {
                    blocks(cell, sink, block.with(runFor(cell, classes(cell), block.run())));
                }
            }
            return;
        }
        WordTables.layOut(table, widths, classes, layout);
        for (int r = 0; r < rows.size(); r++) {
            XWPFTableRow row = table.insertNewTableRow(r);
            row.setCantSplitRow(true);
            if (header.get(r)) {
                row.setRepeatHeader(true);
            }
            int column = 0;
            for (Element cellElement : WordTables.cells(rows.get(r))) {
                int span = Math.min(WordTables.span(cellElement), columns - column);
                if (span <= 0) {
                    break;
                }
                XWPFTableCell cell = row.createCell();
                CTTcPr cellProperties = cell.getCTTc().isSetTcPr() ? cell.getCTTc().getTcPr() : cell.getCTTc().addNewTcPr();
                var width = cellProperties.addNewTcW();
                width.setType(STTblWidth.DXA);
                width.setW(BigInteger.valueOf(Arrays.stream(widths, column, column + span).sum()));
                if (span > 1) {
                    cellProperties.addNewGridSpan().setVal(BigInteger.valueOf(span));
                }
                column += span;
                if (layout) {
                    cell.setVerticalAlignment(XWPFTableCell.XWPFVertAlign.BOTTOM);
                } else if ("th".equals(cellElement.getLocalName()) && classes.contains("grid")) {
                    cell.setColor("E8E8E8");
                }
                Set<String> cellClasses = classes(cellElement);
                Run run = runFor(cellElement, cellClasses, block.run());
                if (classes.contains("grid") && "td".equals(cellElement.getLocalName())) {
                    run = run.change(false, false, false, 0, null, true, null, false);
                }
                if (classes.contains("grid") || layout) {
                    // the sizes of table.signatures and table.grid in the layout
                    run = run.change(false, false, false, layout ? 11 : 10.5, null, false, null, false);
                }
                ParagraphAlignment alignment = cellClasses.contains("centre") ? ParagraphAlignment.CENTER : null;
                Block cellBlock = new Block(null, alignment, 0, 0, false, false, false, false, run, null, 0);
                blocks(cellElement, new CellSink(cell), cellBlock);
                for (XWPFParagraph paragraph : cell.getParagraphs()) {
                    paragraph.setSpacingAfter(layout ? 0 : WordStyles.mm(1));
                }
            }
        }
    }

    /** A table cell's paragraphs; its first, empty paragraph is used first. Tables inside it are flattened. */
    private static final class CellSink implements Sink {
        private final XWPFTableCell cell;
        private boolean firstUsed;

        CellSink(XWPFTableCell cell) {
            this.cell = cell;
        }

        @Override
        public XWPFParagraph paragraph() {
            if (!firstUsed && !cell.getParagraphs().isEmpty()) {
                firstUsed = true;
                return cell.getParagraphs().get(0);
            }
            firstUsed = true;
            return cell.addParagraph();
        }

        @Override
        public XWPFTable table() {
            return null;
        }
    }

    // ----- headings and the table of contents

    private void collectHeadings(Element body) {
        NodeList all = body.getElementsByTagNameNS(OutputAllowList.XHTML, "*");
        for (int i = 0; i < all.getLength(); i++) {
            String name = all.item(i).getLocalName();
            if (name.matches("h[1-3]")) {
                headings.add(new Heading(name.charAt(1) - '0', all.item(i).getTextContent().strip().replaceAll("\\s+", " ")));
            }
        }
    }

    private static boolean hasOwnContents(org.w3c.dom.Document document) {
        NodeList lists = document.getElementsByTagNameNS(OutputAllowList.XHTML, "ol");
        for (int i = 0; i < lists.getLength(); i++) {
            if (classes((Element) lists.item(i)).contains("toc")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A TOC field over the headings (levels 2-3 when the document has one title heading), marked dirty so Word fills in
     * the page numbers on opening; until then it shows the headings without numbers. {@code titled} adds a
     * "Contents" line for documents whose XHTML has no contents section of its own.
     */
    private void tableOfContents(Sink sink, boolean titled) {
        tableOfContentsWritten = true;
        long titles = headings.stream().filter(heading -> heading.level() == 1).count();
        int from = titles == 1 ? 2 : 1;
        if (titled) {
            XWPFParagraph title = paragraph(sink, Block.NORMAL.styled("TOCHeading"));
            title.createRun().setText("da".equals(language) ? "Indhold" : "Innhold");
        }
        List<Heading> entries = headings.stream().filter(heading -> heading.level() >= from).toList();
        XWPFParagraph first = paragraph(sink, Block.NORMAL.styled("TOC" + (entries.isEmpty() ? 1 : entries.get(0).level() - from + 1)));
        CTFldChar begin = first.createRun().getCTR().addNewFldChar();
        begin.setFldCharType(STFldCharType.BEGIN);
        begin.setDirty(true);
        XWPFRun instruction = first.createRun();
        instruction.getCTR().addNewInstrText().setStringValue(" TOC \\o \"" + from + "-3\" \\h \\z \\u ");
        instruction.getCTR().getInstrTextArray(0).setSpace(org.apache.xmlbeans.impl.xb.xmlschema.SpaceAttribute.Space.PRESERVE);
        first.createRun().getCTR().addNewFldChar().setFldCharType(STFldCharType.SEPARATE);
        XWPFParagraph last = first;
        for (int i = 0; i < entries.size(); i++) {
            XWPFParagraph entry = i == 0 ? first : paragraph(sink, Block.NORMAL.styled("TOC" + (entries.get(i).level() - from + 1)));
            entry.createRun().setText(entries.get(i).text());
            last = entry;
        }
        last.createRun().getCTR().addNewFldChar().setFldCharType(STFldCharType.END);
    }

    static Set<String> classes(Element element) {
        String value = element.getAttribute("class").strip();
        return value.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(value.split("\\s+")));
    }
}
