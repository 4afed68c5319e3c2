package no.mappe.signing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import no.mappe.errors.Conflict;
import no.mappe.errors.StorageFailure;
import no.mappe.files.OwnerOnly;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Each organisation's seal certificate, as {@code <organisationId>.p12} in the seal directory. The
 * operator supplies them (with {@code MAPPE_SEAL_PASSWORD}); in demo mode a self-signed one is made
 * on first use, with a random password kept beside it; both files readable by the service's user
 * only, in a directory only it can open.
 */
public final class SealKeys {

    private final Path directory;
    private final Optional<String> password;
    private final boolean demo;
    private final Map<String, SealKey> byOrganisation = new ConcurrentHashMap<>();

    public SealKeys(Path directory, Optional<String> password, boolean demo) {
        this.directory = directory;
        this.password = password;
        this.demo = demo;
    }

    /** The seal of an organisation; in demo mode made if missing, otherwise a clear refusal. */
    public SealKey of(String organisationId, String organisationName, String country) {
        return byOrganisation.computeIfAbsent(organisationId, id -> load(id, organisationName, country));
    }

    private SealKey load(String organisationId, String organisationName, String country) {
        Path keystore = directory.resolve(organisationId + ".p12");
        Path passwordFile = directory.resolve(organisationId + ".password");
        if (!Files.exists(keystore)) {
            if (!demo) {
                throw new Conflict("Your organisation has no seal certificate yet: the operator must place " + organisationId
                        + ".p12 in the seal directory (MAPPE_SEAL_DIR). Signing resumes once it is there.");
            }
            create(keystore, passwordFile, organisationName, country);
        }
        char[] secret = password.orElseGet(() -> readPassword(passwordFile)).toCharArray();
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, secret);
            String alias = store.aliases().nextElement();
            return new SealKey((PrivateKey) store.getKey(alias, secret), (X509Certificate) store.getCertificate(alias));
        } catch (IOException | GeneralSecurityException e) {
            throw new StorageFailure("The seal certificate " + keystore + " cannot be opened; check MAPPE_SEAL_PASSWORD", e);
        }
    }

    private static String readPassword(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new StorageFailure("Set MAPPE_SEAL_PASSWORD for the seal certificates", e);
        }
    }

    /** Demo mode: a self-signed RSA seal valid for ten years. */
    private static void create(Path keystore, Path passwordFile, String organisationName, String country) {
        try {
            OwnerOnly.directory(keystore.getParent());
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(3072);
            KeyPair pair = generator.generateKeyPair();
            var name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, organisationName + " (demo seal)")
                    .addRDN(BCStyle.O, organisationName).addRDN(BCStyle.C, country).build();
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()), Date.from(now.minusSeconds(60)),
                    Date.from(now.plus(Duration.ofDays(3650))), name, pair.getPublic());
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("seal", pair.getPrivate(), secret.toCharArray(), new Certificate[] {certificate});
            OwnerOnly.write(passwordFile, (secret + "\n").getBytes(StandardCharsets.US_ASCII));
            try (OutputStream out = OwnerOnly.create(keystore)) {
                store.store(out, secret.toCharArray());
            }
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new StorageFailure("Could not create the demo seal certificate " + keystore, e);
        }
    }
}
