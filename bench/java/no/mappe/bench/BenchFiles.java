package no.mappe.bench;

import java.io.IOException;
import java.nio.file.Path;

/** What the benchmarks write goes again when they end: a run at 1,000,000 documents leaves 11 GB otherwise. */
final class BenchFiles {

    private BenchFiles() {
    }

    static void deleteTree(Path root) throws IOException {
        no.mappe.files.Trees.delete(root);
    }
}
