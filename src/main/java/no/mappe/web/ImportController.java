package no.mappe.web;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import no.mappe.errors.BadRequest;
import no.mappe.imports.ImportJobs;

/** Import jobs: {@code POST /api/imports} (multipart: caseMap, files) and {@code GET /api/imports/{jobId}}. */
final class ImportController {

    private final ImportJobs jobs;

    ImportController(ImportJobs jobs) {
        this.jobs = jobs;
    }

    void start(Context ctx) {
        byte[] caseMap = part(ctx, "caseMap", "the case map (CSV)");
        byte[] files = part(ctx, "files", "a zip of the files the case map names");
        ImportJobs.Job job = jobs.start(Requests.caller(ctx), files, caseMap);
        ctx.status(202).header("Location", "/api/imports/" + job.id()).json(job);
    }

    void get(Context ctx) {
        ctx.json(jobs.get(Requests.caller(ctx), ctx.pathParam("jobId")));
    }

    private static byte[] part(Context ctx, String name, String what) {
        if (ctx.contentType() == null || !ctx.contentType().startsWith("multipart/form-data")) {
            throw new BadRequest("Send multipart/form-data with the parts caseMap (the CSV) and files (a zip)");
        }
        UploadedFile file = ctx.uploadedFile(name);
        if (file == null || file.size() == 0) {
            throw new BadRequest("Send " + what + " as the part " + name);
        }
        try (InputStream in = file.content()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
