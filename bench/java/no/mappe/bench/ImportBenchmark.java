package no.mappe.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import no.mappe.app.App;
import no.mappe.config.Config;
import no.mappe.demo.DemoData;
import no.mappe.imports.CaseMap;
import no.mappe.imports.FileSource;
import no.mappe.imports.ImportReport;
import no.mappe.security.Caller;

/**
 * {@code mappe import}'s code on N small letters (default 10,000; 2-100 KB of Norwegian letter text each, every one
 * different) spread over the demo organisation's cases: files per second with the report's counts, then the same
 * import again (everything skipped by its content key). The target of issue 17 is 20 files/s on 2 cores.
 */
public final class ImportBenchmark {

    private static final String[] OPENINGS = {
        "Vi viser til samtale med deg den %s om arbeidsforberedende trening.",
        "Viser til henvendelse fra NAV %s angående oppfølging av tiltaket.",
        "Dette er en bekreftelse på at søknaden om arbeidsrettet tiltak ble mottatt %s.",
        "Referat fra oppfølgingsmøte hos arbeidsgiveren %s.",
    };
    private static final String[] SENTENCES = {
        "Deltakeren har møtt stabilt og viser god fremgang i arbeidstreningen på lageret.",
        "Det er avtalt at veilederen tar kontakt med arbeidsgiveren før neste evaluering.",
        "Målet for perioden er å prøve ut arbeidsoppgaver innen butikk og kundeservice.",
        "Tilretteleggingen på arbeidsplassen fungerer, men det er behov for kortere arbeidsdager i en periode.",
        "NAV ber om en fremdriftsrapport innen utgangen av måneden, med vurdering av videre tiltak.",
        "Sluttrapporten sendes NAV når tiltaksperioden er avsluttet, sammen med kompetansebeviset.",
        "Deltakeren ønsker å fortsette med praksisplass i kantinen og har fått tilbud om en ukes forlengelse.",
        "Fraværet skyldes legetimer som er dokumentert; det påvirker ikke tiltaksplassen.",
        "Vi minner om taushetsplikten etter forvaltningsloven og at opplysningene behandles konfidensielt.",
        "Arbeidsgiveren opplyser at det kan bli aktuelt med lønnstilskudd etter endt arbeidstrening.",
    };

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path dir = Files.createTempDirectory("mappe-bench-import");
        try {
            run(dir, files, workers);
        } finally {
            BenchFiles.deleteTree(dir);
        }
    }

    private static void run(Path dir, int files, int workers) throws Exception {
        Path dataDir = dir.resolve("data");
        Path archive = dir.resolve("archive");
        System.out.printf("Mappe import benchmark: %,d letters, %d workers, %d cores, Java %s%n", files, workers,
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        Config config = Config.from(Map.of("MAPPE_DATA_DIR", dataDir.toString(), "MAPPE_DEMO", "true", "MAPPE_PORT", "0",
                "MAPPE_SWEEP_AT", "off"));
        List<String> caseIds;
        try (App app = App.build(config)) {
            caseIds = app.cases().caseIdsOutsideTheCabinet(DemoData.NORWEGIAN_ORGANISATION);
        }
        byte[] caseMap = writeArchive(archive, files, caseIds);
        System.out.printf("generated %,d files, %.1f MB%n", files, size(archive) / 1e6);
        try (App app = App.buildForMaintenance(config)) {
            Caller importer = Caller.importer(DemoData.NORWEGIAN_ORGANISATION);
            CaseMap map = CaseMap.parse(caseMap);
            ImportReport first = app.bulkImport().run(importer, FileSource.directory(archive), map, workers, BenchProgress.every(1000));
            print("import", first);
            ImportReport again = app.bulkImport().run(importer, FileSource.directory(archive), map, workers, BenchProgress.every(10_000));
            print("the same import again", again);
        }
    }

    private static void print(String what, ImportReport report) {
        System.out.printf("%s: %.1f files/s (%,d files in %.1f s): %,d imported, %,d skipped (already imported), %,d failed%n", what,
                report.filesPerSecond(), report.lines().size(), report.took().toMillis() / 1000.0, report.imported(), report.skipped(),
                report.failed());
        report.lines().stream().filter(line -> line.outcome() == ImportReport.Outcome.FAILED).limit(5)
                .forEach(line -> System.out.printf("  failed: line %d %s%n", line.line(), line.code()));
    }

    /** The letters and the case map: one letter per case in turn, dated over ten years, access level 3. */
    private static byte[] writeArchive(Path archive, int files, List<String> caseIds) throws Exception {
        Random random = new Random(17);
        StringBuilder csv = new StringBuilder("\uFEFFfil;sak;dokumenttype;dato;tilgangsnivå\r\n");
        LocalDate first = LocalDate.of(2014, 1, 1);
        for (int i = 0; i < files; i++) {
            String path = String.format("%03d/brev-%06d.txt", i / 1000, i);
            Path file = archive.resolve(path);
            Files.createDirectories(file.getParent());
            LocalDate date = first.plusDays(random.nextInt(3650));
            Files.writeString(file, letter(random, i, date), StandardCharsets.UTF_8);
            csv.append(path).append(';').append(caseIds.get(i % caseIds.size())).append(";upload;")
                    .append(String.format("%02d.%02d.%d", date.getDayOfMonth(), date.getMonthValue(), date.getYear())).append(";3\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** 2-100 KB, most of them small as letters are (a third above 10 KB), with the letter's number so no two are alike. */
    private static String letter(Random random, int number, LocalDate date) {
        int targetBytes = random.nextInt(3) == 0 ? 10_000 + random.nextInt(90_000) : 2_000 + random.nextInt(8_000);
        StringBuilder text = new StringBuilder("NAV Arbeid og ytelser\nSaksnummer 2014/").append(number).append("\n\n");
        text.append(String.format(OPENINGS[random.nextInt(OPENINGS.length)], date)).append("\n\n");
        while (text.length() < targetBytes) {
            text.append(SENTENCES[random.nextInt(SENTENCES.length)]).append(random.nextInt(8) == 0 ? "\n\n" : " ");
        }
        return text.append("\n\nMed vennlig hilsen\nVeileder, NAV\n").toString();
    }

    private static long size(Path root) throws Exception {
        try (var paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
        }
    }

    /** A line every {@code step} files, so a long run shows it is alive. */
    private static final class BenchProgress {
        static no.mappe.imports.BulkImport.Progress every(int step) {
            return (done, total, imported, skipped, failed) -> {
                if (done % step == 0 && done > 0) {
                    System.out.printf("  %,d of %,d%n", done, total);
                }
            };
        }
    }
}
