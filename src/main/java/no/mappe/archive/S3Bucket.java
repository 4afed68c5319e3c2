package no.mappe.archive;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import no.mappe.config.BlobLocation;
import no.mappe.errors.StartupRefused;
import no.mappe.errors.StorageFailure;
import no.mappe.errors.StoreUnreachable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Blobs as objects in a bucket of an S3-compatible store ({@code MAPPE_BLOBS=s3://...}): AWS S3, MinIO,
 * Ceph RGW, Garage and the clouds' own. Keys are {@code <prefix>ab/cd/<id>.blob}, as on disk.
 *
 * <p>A PUT is atomic and durable once the store has answered it, so a crash leaves a blob absent or
 * whole. A delete is a real delete; a bucket with versioning keeps the deleted bytes as a noncurrent
 * version until a lifecycle rule expires them (logged as a warning at start; see README). Only
 * ciphertext is ever sent, and the blob's key never leaves the database.
 *
 * <p>The prefix is this installation's alone: the leftover walk deletes what under it no version of
 * this database refers to.
 */
public final class S3Bucket implements BlobObjects {

    private static final Logger LOG = LoggerFactory.getLogger(S3Bucket.class);
    private static final String SUFFIX = ".blob";
    /** The store stamps objects with its own clock: the leftover walk leaves objects this much younger than asked alone. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(15);

    private final S3Client client;
    private final BlobLocation.S3 location;

    private S3Bucket(S3Client client, BlobLocation.S3 location) {
        this.client = client;
        this.location = location;
    }

    /** Connects and checks that the bucket exists and may be used; refuses the start with what to do otherwise. */
    public static S3Bucket open(BlobLocation.S3 location) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30)))
                .region(Region.of(location.region()))
                .forcePathStyle(location.pathStyle())
                // Checksums only where S3 requires them: several S3-compatible stores refuse the SDK's newer default
                // trailers. Integrity does not rest on them: every blob carries its AES-GCM tag.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(settings -> settings.apiCallTimeout(Duration.ofSeconds(60))
                        .apiCallAttemptTimeout(Duration.ofSeconds(20)))
                .credentialsProvider(credentials(location));
        location.endpoint().ifPresent(builder::endpointOverride);
        S3Bucket bucket = new S3Bucket(builder.build(), location);
        bucket.checkAtStart();
        return bucket;
    }

    private static AwsCredentialsProvider credentials(BlobLocation.S3 location) {
        if (location.accessKeyId().isPresent() && location.secretAccessKey().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(location.accessKeyId().get(),
                    location.secretAccessKey().get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private void checkAtStart() {
        try {
            client.headBucket(request -> request.bucket(location.bucket()));
        } catch (S3Exception e) {
            close();
            throw new StartupRefused(switch (e.statusCode()) {
                case 404 -> "The bucket " + describe() + " does not exist. Create it (Mappe never creates or empties buckets), then"
                        + " start again.";
                case 301, 400 -> "The bucket " + describe() + " answered " + e.statusCode() + ": check the region and path-style in"
                        + " MAPPE_BLOBS.";
                case 401, 403 -> "The credentials may not use the bucket " + describe() + " (" + e.statusCode() + "): check"
                        + " MAPPE_S3_ACCESS_KEY_ID and the bucket's policy.";
                default -> "The bucket " + describe() + " answered " + e.statusCode() + " when checked at start: " + e.getMessage();
            }, e);
        } catch (SdkException e) {
            close();
            throw new StartupRefused("The object store of " + describe() + " cannot be reached: " + e.getMessage()
                    + ". Check the endpoint in MAPPE_BLOBS and the network.", e);
        }
        try {
            BucketVersioningStatus versioning = client.getBucketVersioning(request -> request.bucket(location.bucket())).status();
            if (versioning == BucketVersioningStatus.ENABLED) {
                LOG.warn("Versioning is on for the blob bucket {}: a shredded document's encrypted blob stays as a noncurrent version"
                        + " until a lifecycle rule expires it (its key is destroyed, so it is unreadable). Add a rule that expires"
                        + " noncurrent versions after a day; see README, 'Blobs in an S3-compatible store'.", describe());
            }
        } catch (SdkException e) {
            LOG.debug("The store does not tell whether versioning is on for {}", describe(), e);
        }
    }

    @Override
    public void putAll(List<Encrypted> blobs) {
        List<String> written = new ArrayList<>(blobs.size());
        try {
            for (Encrypted blob : blobs) {
                String key = keyOf(blob.blobId());
                client.putObject(request -> request.bucket(location.bucket()).key(key).contentLength((long) blob.bytes().length)
                        .contentType("application/octet-stream"), RequestBody.fromBytes(blob.bytes()));
                written.add(blob.blobId());
            }
        } catch (SdkException e) {
            written.forEach(this::deleteQuietly);
            throw failure("did not store a blob; nothing was stored", e);
        }
    }

    @Override
    public Optional<byte[]> get(String blobId) {
        return aboutOneBlob("did not return blob " + blobId, Optional.empty(), () -> Optional.of(client.getObjectAsBytes(
                request -> request.bucket(location.bucket()).key(keyOf(blobId))).asByteArray()));
    }

    @Override
    public void delete(String blobId) {
        try {
            client.deleteObject(request -> request.bucket(location.bucket()).key(keyOf(blobId)));
        } catch (SdkException e) {
            throw failure("did not delete blob " + blobId, e);
        }
    }

    @Override
    public boolean exists(String blobId) {
        return aboutOneBlob("did not say whether blob " + blobId + " exists", false, () -> {
            client.headObject(request -> request.bucket(location.bucket()).key(keyOf(blobId)));
            return true;
        });
    }

    /** A request about one blob: {@code whenMissing} when the store answers 404, else what the request gives or a failure. */
    private <T> T aboutOneBlob(String whatFailed, T whenMissing, java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return whenMissing;
            }
            throw failure(whatFailed, e);
        } catch (SdkException e) {
            throw failure(whatFailed, e);
        }
    }

    /**
     * A PUT is whole or absent, so there are no unfinished writes to remove: only blobs no version refers to,
     * stamped (by the store's clock) at least {@link #CLOCK_SKEW} before {@code writtenBefore}.
     */
    @Override
    public BlobStore.Leftovers removeLeftovers(Instant writtenBefore, Predicate<String> referenced, Predicate<String> spared,
            BooleanSupplier stop) {
        int removed = 0;
        try {
            for (S3Object object : client.listObjectsV2Paginator(request -> request.bucket(location.bucket())
                    .prefix(location.prefix())).contents()) {
                if (stop.getAsBoolean()) {
                    break;
                }
                String name = object.key().substring(object.key().lastIndexOf('/') + 1);
                if (!name.endsWith(SUFFIX)) {
                    continue; // not Mappe's
                }
                String blobId = name.substring(0, name.length() - SUFFIX.length());
                if (object.lastModified().isBefore(writtenBefore.minus(CLOCK_SKEW)) && !spared.test(blobId)
                        && !referenced.test(blobId)) {
                    client.deleteObject(request -> request.bucket(location.bucket()).key(object.key()));
                    removed++;
                }
            }
        } catch (SdkException e) {
            throw failure("could not be walked for the blobs an interrupted write or shred left", e);
        }
        return new BlobStore.Leftovers(0, removed);
    }

    @Override
    public boolean answers() {
        try {
            client.headBucket(request -> request.bucket(location.bucket()));
            return true;
        } catch (SdkException e) {
            return false;
        }
    }

    @Override
    public String describe() {
        return location.toString();
    }

    @Override
    public void close() {
        client.close();
    }

    private String keyOf(String blobId) {
        return location.prefix() + BlobObjects.relativePath(blobId);
    }

    private void deleteQuietly(String blobId) {
        try {
            delete(blobId);
        } catch (RuntimeException e) {
            // left for the leftover walk at the next start: its key was never stored, so it can never be read
        }
    }

    /** A store that does not answer, or says it is unavailable, is worth retrying; anything else the operator must look at. */
    private RuntimeException failure(String what, SdkException e) {
        boolean retryable = e instanceof SdkClientException || (e instanceof S3Exception s3 && s3.statusCode() >= 500);
        String message = "The object store " + describe() + " " + what + " (" + summary(e) + ").";
        return retryable ? new StoreUnreachable(message + " Try again in a minute; if it lasts, the operator checks the store.", e)
                : new StorageFailure(message, e);
    }

    private static String summary(SdkException e) {
        if (e instanceof S3Exception s3) {
            return s3.statusCode() + (s3.awsErrorDetails() != null && s3.awsErrorDetails().errorCode() != null
                    ? " " + s3.awsErrorDetails().errorCode() : "");
        }
        return e.getClass().getSimpleName();
    }
}
