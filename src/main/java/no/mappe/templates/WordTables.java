package no.mappe.templates;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.xwpf.usermodel.TableWidthType;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblGrid;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblLayoutType;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The layout of a Word table made from an XHTML table: which rows are header rows, column widths
 * that add up to the text width (fixed layout, so Word never widens a table past the margins), and
 * borders as the template's table classes draw them.
 */
final class WordTables {

    static final Pattern PERCENT = Pattern.compile("(?:^|;|\\s)width\\s*:\\s*([0-9.]+)%");

    private WordTables() {
    }

    /** Fixed layout at the text width, the grid of {@code widths}, borders and cell padding as the template's CSS draws them. */
    static void layOut(XWPFTable table, int[] widths, Set<String> classes, boolean layout) {
        CTTblPr properties = table.getCTTbl().getTblPr() != null ? table.getCTTbl().getTblPr() : table.getCTTbl().addNewTblPr();
        properties.addNewTblLayout().setType(STTblLayoutType.FIXED);
        table.setWidthType(TableWidthType.DXA);
        table.setWidth(DocxRenderer.TEXT_WIDTH);
        CTTblGrid grid = table.getCTTbl().getTblGrid() != null ? table.getCTTbl().getTblGrid() : table.getCTTbl().addNewTblGrid();
        while (grid.sizeOfGridColArray() > 0) {
            grid.removeGridCol(0);
        }
        for (int width : widths) {
            grid.addNewGridCol().setW(BigInteger.valueOf(width));
        }
        borders(table, classes, layout);
        // A layout table (signatures) has no padding but a gap between its columns, as in the PDF.
        int vertical = layout ? 0 : WordStyles.mm(1.4);
        table.setCellMargins(vertical, layout ? 0 : WordStyles.mm(2), vertical, WordStyles.mm(2));
    }

    /** Column widths the CSS gives cells by class ({@code table.grid th.goal, table.grid td.goal { width: 20%; }}). */
    static Map<String, Double> classWidths(String css) {
        Map<String, Double> widths = new HashMap<>();
        Matcher rule = Pattern.compile("([^{}]+)\\{([^{}]*)\\}").matcher(css);
        while (rule.find()) {
            Matcher width = PERCENT.matcher(rule.group(2).toLowerCase(Locale.ROOT));
            if (!width.find()) {
                continue;
            }
            for (String selector : rule.group(1).split(",")) {
                String[] parts = selector.strip().split("\\s+");
                Matcher cell = Pattern.compile("^(?:th|td)?\\.([\\w-]+)$").matcher(parts[parts.length - 1]);
                if (cell.matches()) {
                    widths.put(cell.group(1), Double.parseDouble(width.group(1)));
                }
            }
        }
        return widths;
    }

    static void borders(XWPFTable table, Set<String> classes, boolean layout) {
        XWPFTable.XWPFBorderType none = XWPFTable.XWPFBorderType.NONE;
        XWPFTable.XWPFBorderType single = XWPFTable.XWPFBorderType.SINGLE;
        if (layout) {
            table.setTopBorder(none, 0, 0, "auto");
            table.setBottomBorder(none, 0, 0, "auto");
            table.setLeftBorder(none, 0, 0, "auto");
            table.setRightBorder(none, 0, 0, "auto");
            table.setInsideHBorder(none, 0, 0, "auto");
            table.setInsideVBorder(none, 0, 0, "auto");
        } else if (classes.contains("facts")) {
            table.setTopBorder(none, 0, 0, "auto");
            table.setLeftBorder(none, 0, 0, "auto");
            table.setRightBorder(none, 0, 0, "auto");
            table.setInsideVBorder(none, 0, 0, "auto");
            table.setBottomBorder(single, 4, 0, "999999");
            table.setInsideHBorder(single, 4, 0, "999999");
        } else {
            table.setTopBorder(single, 4, 0, "777777");
            table.setBottomBorder(single, 4, 0, "777777");
            table.setLeftBorder(single, 4, 0, "777777");
            table.setRightBorder(single, 4, 0, "777777");
            table.setInsideHBorder(single, 4, 0, "777777");
            table.setInsideVBorder(single, 4, 0, "777777");
        }
    }

    /** Column widths in twips summing to the text width: percentages the cells state, the rest shared by how much text each holds. */
    static int[] columnWidths(List<Element> rows, int columns, Set<String> classes, Map<String, Double> classWidths) {
        double[] percent = new double[columns];
        double[] weight = new double[columns];
        Arrays.fill(weight, 4);
        for (Element row : rows) {
            int column = 0;
            for (Element cell : cells(row)) {
                int span = span(cell);
                if (column >= columns) {
                    break;
                }
                if (span == 1) {
                    Matcher stated = PERCENT.matcher(cell.getAttribute("style").toLowerCase(Locale.ROOT));
                    if (stated.find()) {
                        percent[column] = Double.parseDouble(stated.group(1));
                    } else {
                        for (String cellClass : XhtmlToWord.classes(cell)) {
                            percent[column] = classWidths.getOrDefault(cellClass, percent[column]);
                        }
                    }
                    int longestWord = Arrays.stream(cell.getTextContent().split("\\s+")).mapToInt(String::length).max().orElse(0);
                    weight[column] = Math.max(weight[column], Math.max(longestWord, Math.min(cell.getTextContent().strip().length(), 40)));
                }
                column += span;
            }
        }
        if (classes.contains("facts") && columns == 2 && percent[0] == 0) {
            percent[0] = 36;
        }
        double stated = Arrays.stream(percent).sum();
        double unstatedWeight = 0;
        for (int c = 0; c < columns; c++) {
            unstatedWeight += percent[c] == 0 ? weight[c] : 0;
        }
        double rest = Math.max(0, 100 - stated);
        int[] widths = new int[columns];
        int total = 0;
        for (int c = 0; c < columns; c++) {
            double share = percent[c] > 0 ? percent[c] * Math.min(1, 100 / stated)
                    : rest == 0 ? 100.0 / columns : rest * weight[c] / unstatedWeight;
            widths[c] = (int) Math.floor(DocxRenderer.TEXT_WIDTH * share / 100);
            total += widths[c];
        }
        if (total > DocxRenderer.TEXT_WIDTH || total < DocxRenderer.TEXT_WIDTH - columns * 2) {
            // Stated shares that add up to more (or much less) than the page: equal columns rather than a table off the page.
            Arrays.fill(widths, DocxRenderer.TEXT_WIDTH / columns);
        }
        return widths;
    }

    static void collectRows(Element parent, List<Element> rows, List<Boolean> header, boolean inHead) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                switch (element.getLocalName()) {
                    case "tr" -> {
                        rows.add(element);
                        header.add(inHead);
                    }
                    case "thead" -> collectRows(element, rows, header, true);
                    case "tbody", "tfoot" -> collectRows(element, rows, header, false);
                    default -> { }
                }
            }
        }
    }

    /** A first row of column headers (all th, not row headers) counts as the header even without a thead. */
    static boolean isHeaderRow(Element row) {
        List<Element> cells = cells(row);
        return cells.size() > 1
                && cells.stream().allMatch(cell -> "th".equals(cell.getLocalName()) && !"row".equals(cell.getAttribute("scope")));
    }

    static List<Element> cells(Element row) {
        List<Element> cells = new ArrayList<>();
        for (Node node = row.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element cell && ("td".equals(cell.getLocalName()) || "th".equals(cell.getLocalName()))) {
                cells.add(cell);
            }
        }
        return cells;
    }

    static int span(Element cell) {
        try {
            String colspan = cell.getAttribute("colspan").strip();
            return colspan.isEmpty() ? 1 : Math.max(1, Math.min(63, Integer.parseInt(colspan)));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
