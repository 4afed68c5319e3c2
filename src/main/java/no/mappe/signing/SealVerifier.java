package no.mappe.signing;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;

/**
 * Checks a sealed PDF on its own: its last signature is valid, covers the whole file, and was made
 * with the expected seal certificate.
 */
public final class SealVerifier {

    /** The outcome; {@code problem} says what is wrong when {@code valid} is false. */
    public record Result(boolean valid, boolean coversWholeDocument, String signer, String problem) {

        static Result failed(String problem) {
            return new Result(false, false, null, problem);
        }
    }

    public Result verify(byte[] pdf, X509Certificate expected) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<PDSignature> signatures = document.getSignatureDictionaries();
            if (signatures.isEmpty()) {
                return Result.failed("the PDF carries no seal");
            }
            PDSignature signature = signatures.get(signatures.size() - 1);
            int[] range = signature.getByteRange();
            boolean whole = range.length == 4 && range[0] == 0 && (long) range[2] + range[3] == pdf.length;
            // /Contents is zero-padded to its reserved size: read exactly one ASN.1 object from it.
            ContentInfo contentInfo;
            try (ASN1InputStream in = new ASN1InputStream(signature.getContents())) {
                contentInfo = ContentInfo.getInstance(in.readObject());
            }
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signature.getSignedContent(pdf)), contentInfo);
            SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> matches = cms.getCertificates().getMatches(signer.getSID());
            if (matches.isEmpty()) {
                return Result.failed("the seal does not carry its certificate");
            }
            X509CertificateHolder certificate = matches.iterator().next();
            if (!Arrays.equals(certificate.getEncoded(), expected.getEncoded())) {
                return new Result(false, whole, certificate.getSubject().toString(),
                        "sealed with another certificate than the organisation's");
            }
            boolean valid = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate));
            if (!valid) {
                return new Result(false, whole, certificate.getSubject().toString(), "the seal does not match the content: it was changed");
            }
            if (!whole) {
                return new Result(false, false, certificate.getSubject().toString(), "content was added after the seal");
            }
            return new Result(true, true, certificate.getSubject().toString(), null);
        } catch (IOException | RuntimeException | org.bouncycastle.cms.CMSException
                 | org.bouncycastle.operator.OperatorCreationException | java.security.cert.CertificateException e) {
            return Result.failed("the seal cannot be checked: the file is damaged or altered (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")");
        }
    }
}
