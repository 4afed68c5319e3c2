package no.mappe.untrusted;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;

/**
 * The data channel of a child process started by {@link ChildProcesses}: its standard output,
 * kept for the child's result alone. Libraries log to {@code System.out} (Tika's INFO lines, Log4j's
 * "could not find a logging provider"), so a child main calls {@link #claim()} as its very first
 * statement, before anything can log: from then on {@code System.out} is standard error, which the
 * parent discards, and only what is written to the returned stream reaches the parent.
 */
public final class ChildOutput {

    private ChildOutput() {
    }

    public static OutputStream claim() {
        OutputStream data = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        System.setOut(System.err);
        return data;
    }
}
