package no.mappe.imports;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** Business dates as an organisation's export writes them: 2026-11-24, 24.11.2026 (Norway) or 24-11-2026 (Denmark). */
final class Dates {

    private static final List<DateTimeFormatter> FORMATS = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("d.M.uuuu"), DateTimeFormatter.ofPattern("d-M-uuuu"));

    private Dates() {
    }

    static Optional<LocalDate> parse(String text) {
        for (DateTimeFormatter format : FORMATS) {
            try {
                return Optional.of(LocalDate.parse(text.strip(), format));
            } catch (DateTimeParseException notThisOne) {
                // try the next format
            }
        }
        return Optional.empty();
    }
}
