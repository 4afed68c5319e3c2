package no.mappe.signing;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.mappe.archive.Archive;
import no.mappe.archive.BlobCheck;
import no.mappe.archive.Document;
import no.mappe.archive.DocumentVersion;
import no.mappe.errors.MappeException;
import no.mappe.errors.StorageFailure;
import no.mappe.security.Directory;
import no.mappe.security.Organisation;
import no.mappe.security.Sha256;

/**
 * Checks the sealed versions of documents: the stored bytes decrypt, their SHA-256 is the one
 * recorded when they were stored, and the seal is valid over the whole file with the organisation's
 * certificate. Used by the API and by {@code mappe verify}.
 */
public final class SealAudit {

    private final Archive archive;
    private final SealVerifier verifier;

    public SealAudit(Archive archive, SealVerifier verifier) {
        this.archive = archive;
        this.verifier = verifier;
    }

    /** The outcome for one sealed version. */
    public record VersionReport(int version, boolean valid, String problem) {
    }

    /** The outcome for one document: valid when every sealed version is. */
    public record DocumentReport(String documentId, boolean valid, List<VersionReport> sealedVersions) {
    }

    public DocumentReport check(Document document, X509Certificate sealCertificate) {
        List<VersionReport> reports = new ArrayList<>();
        for (DocumentVersion version : document.versions()) {
            if (!version.sealed()) {
                continue;
            }
            byte[] pdf;
            try {
                pdf = archive.content(document.organisationId(), document.id(), version.version());
            } catch (StorageFailure e) {
                reports.add(new VersionReport(version.version(), false, "the stored file cannot be decrypted: it was altered"));
                continue;
            }
            if (!Sha256.hex(pdf).equals(version.sha256())) {
                reports.add(new VersionReport(version.version(), false, "the stored file differs from the one archived"));
                continue;
            }
            SealVerifier.Result result = verifier.verify(pdf, sealCertificate);
            reports.add(new VersionReport(version.version(), result.valid(), result.problem()));
        }
        return new DocumentReport(document.id(), reports.stream().allMatch(VersionReport::valid), List.copyOf(reports));
    }

    /**
     * The seal check of {@code mappe verify}, for {@link BlobCheck}: the content of a sealed version
     * (already decrypted and matched with its recorded hash) carries a valid seal of its
     * organisation's certificate over the whole file.
     */
    public static BlobCheck.ContentCheck sealCheck(SealVerifier verifier, SealKeys keys, Directory directory) {
        Map<String, X509Certificate> certificates = new HashMap<>();
        return (version, pdf) -> {
            X509Certificate certificate;
            try {
                certificate = certificates.computeIfAbsent(version.organisationId(), id -> {
                    Organisation organisation = directory.organisation(id).orElseThrow();
                    return keys.of(id, organisation.name(), organisation.country()).certificate();
                });
            } catch (MappeException e) {
                return Optional.of(new BlobCheck.Problem(version.documentId(), version.version(), "seal",
                        "cannot be checked: " + e.getMessage()));
            }
            SealVerifier.Result result = verifier.verify(pdf, certificate);
            return result.valid() ? Optional.empty()
                    : Optional.of(new BlobCheck.Problem(version.documentId(), version.version(), "seal", result.problem()));
        };
    }
}
