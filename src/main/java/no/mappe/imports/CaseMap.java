package no.mappe.imports;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import no.mappe.errors.InvalidFields;

/**
 * The CSV that says, per file of an import, where it belongs: a header row, then one row per file. UTF-8 with or
 * without a byte order mark; fields separated by {@code ;} (what Norwegian and Danish Excel writes) or {@code ,},
 * whichever the header uses; quotes as RFC 4180. Header names in English, Norwegian or Danish (see README).
 * A broken file (no header, a required column missing, an open quote, not UTF-8) is refused naming the line; a row
 * that is wrong on its own carries its problem and is reported with the import.
 */
public final class CaseMap {

    /** Columns and the header names they go by (lower case). */
    private static final Map<String, List<String>> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("file", List.of("file", "fil", "filnavn", "path", "sti"));
        COLUMNS.put("case", List.of("case", "sak", "sag", "case id", "caseid", "saksnummer", "sagsnummer"));
        COLUMNS.put("reference", List.of("reference", "referanse", "order reference", "bestilling", "henvisning"));
        COLUMNS.put("type", List.of("type", "document type", "documenttype", "dokumenttype"));
        COLUMNS.put("date", List.of("date", "dato", "business date", "dokumentdato"));
        COLUMNS.put("access level", List.of("access level", "accesslevel", "tilgangsnivå", "tilgang", "adgangsniveau", "adgang"));
    }

    /** The most rows one map may hold: an archive of a few hundred thousand files goes in several imports. */
    static final int MAX_ROWS = 200_000;

    /** One row: the file's path relative to the import's directory or zip, and what it is. Blank fields are empty strings. */
    public record Row(int line, String file, String caseId, String reference, String type, String date, String accessLevel,
                      Failure problem, String problemText) {
    }

    private final List<Row> rows;

    private CaseMap(List<Row> rows) {
        this.rows = rows;
    }

    public List<Row> rows() {
        return rows;
    }

    /** Refuses a map with any row that is wrong on its own: the API checks the whole map before it starts a job. */
    public CaseMap requireWellFormed() {
        for (Row row : rows) {
            if (row.problem() != null) {
                throw InvalidFields.of("caseMap", "line " + row.line() + ": " + row.problemText());
            }
        }
        return this;
    }

    public static CaseMap parse(byte[] csv) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(csv)).toString();
        } catch (CharacterCodingException e) {
            throw InvalidFields.of("caseMap", "is not UTF-8; save it as \"CSV UTF-8\" in Excel");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Record> records = records(text);
        if (records.isEmpty()) {
            throw InvalidFields.of("caseMap", "line 1: is empty; the first line must be the header, e.g. file;case;type;date;access level");
        }
        Record header = records.get(0);
        Map<String, Integer> positions = positions(header);
        List<Row> rows = new ArrayList<>();
        for (Record record : records.subList(1, records.size())) {
            if (record.fields().stream().allMatch(String::isBlank)) {
                continue; // an empty line, or only separators, as Excel leaves at the end
            }
            if (rows.size() == MAX_ROWS) {
                throw InvalidFields.of("caseMap", "line " + record.line() + ": more than " + MAX_ROWS + " rows; split the import");
            }
            rows.add(row(record, positions, header.fields().size()));
        }
        return new CaseMap(List.copyOf(rows));
    }

    private static Map<String, Integer> positions(Record header) {
        Map<String, Integer> positions = new LinkedHashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            String name = header.fields().get(i).strip().toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ');
            for (Map.Entry<String, List<String>> column : COLUMNS.entrySet()) {
                if (column.getValue().contains(name)) {
                    positions.putIfAbsent(column.getKey(), i);
                }
            }
        }
        if (!positions.containsKey("file")) {
            throw InvalidFields.of("caseMap", "line 1: has no column \"file\" (fil); the first line must be the header, e.g."
                    + " file;case;type;date;access level");
        }
        if (!positions.containsKey("case") && !positions.containsKey("reference")) {
            throw InvalidFields.of("caseMap", "line 1: has neither a column \"case\" (sak/sag, the case id) nor \"reference\""
                    + " (referanse, NAV's or the job centre's reference of the case)");
        }
        return positions;
    }

    private static Row row(Record record, Map<String, Integer> positions, int headerFields) {
        List<String> fields = record.fields();
        String file = field(fields, positions, "file");
        String caseId = field(fields, positions, "case");
        String reference = field(fields, positions, "reference");
        String type = field(fields, positions, "type");
        String date = field(fields, positions, "date");
        String accessLevel = field(fields, positions, "access level");
        Failure problem = null;
        String problemText = null;
        if (fields.size() != headerFields) {
            problem = Failure.ROW_FIELDS;
            problemText = "has " + fields.size() + " fields, the header " + headerFields;
        } else if (file.isEmpty()) {
            problem = Failure.ROW_NO_FILE;
            problemText = "names no file";
        } else if (caseId.isEmpty() && reference.isEmpty()) {
            problem = Failure.ROW_NO_CASE;
            problemText = "names no case";
        } else if (!date.isEmpty() && Dates.parse(date).isEmpty()) {
            problem = Failure.DATE_INVALID;
            problemText = "has the date \"" + date + "\"; write it as 2026-11-24 or 24.11.2026";
        } else if (!accessLevel.isEmpty() && !accessLevel.matches("[1-4]")) {
            problem = Failure.ACCESS_LEVEL_INVALID;
            problemText = "has the access level \"" + accessLevel + "\"; it must be 1, 2, 3 or 4";
        }
        return new Row(record.line(), file, caseId, reference, type, date, accessLevel, problem, problemText);
    }

    private static String field(List<String> fields, Map<String, Integer> positions, String column) {
        Integer position = positions.get(column);
        return position == null || position >= fields.size() ? "" : fields.get(position).strip();
    }

    /** One record of the CSV and the line it starts on. */
    private record Record(int line, List<String> fields) {
    }

    /** RFC 4180 records; the separator is the one the header uses ({@code ;} unless it has only {@code ,}). */
    private static List<Record> records(String text) {
        int headerEnd = text.indexOf('\n') < 0 ? text.length() : text.indexOf('\n');
        String headerLine = text.substring(0, headerEnd);
        char separator = headerLine.indexOf(';') < 0 && headerLine.indexOf(',') >= 0 ? ',' : ';';
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int recordLine = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == separator) {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                field.setLength(0);
                records.add(new Record(recordLine, List.copyOf(fields)));
                fields.clear();
                line++;
                recordLine = line;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw InvalidFields.of("caseMap", "line " + recordLine + ": a quote (\") is opened and never closed");
        }
        if (!field.isEmpty() || !fields.isEmpty()) {
            fields.add(field.toString());
            records.add(new Record(recordLine, List.copyOf(fields)));
        }
        return records;
    }
}
