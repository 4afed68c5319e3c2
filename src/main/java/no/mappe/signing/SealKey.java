package no.mappe.signing;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** An organisation's seal: the private key and the certificate that vouches for it. */
public record SealKey(PrivateKey privateKey, X509Certificate certificate) {
}
