package no.mappe.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;
import no.mappe.errors.StartupRefused;

/**
 * Where the encrypted blobs are kept ({@code MAPPE_BLOBS}): in the data directory (the default), or in
 * a bucket of an S3-compatible object store, named {@code s3://bucket[/prefix]?endpoint=...&region=...}.
 */
public sealed interface BlobLocation {

    /** {@code blobs/} in the data directory. */
    record DataDirectory() implements BlobLocation {
    }

    /**
     * A bucket of AWS S3 or any S3-compatible store (MinIO, Ceph RGW, Garage, the clouds' own).
     *
     * @param endpoint   the store's address; empty means AWS S3 itself
     * @param pathStyle  bucket in the path (http://host/bucket/key), as most self-hosted stores need; on by default
     *                   whenever an endpoint is given
     * @param accessKeyId     with {@code secretAccessKey}: the credentials; both empty means the AWS SDK's default chain
     *                        (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, ~/.aws/credentials, an instance or pod role)
     */
    record S3(String bucket, String prefix, Optional<URI> endpoint, String region, boolean pathStyle,
            Optional<String> accessKeyId, Optional<String> secretAccessKey) implements BlobLocation {

        @Override
        public String toString() { // the secret never reaches a log line
            return "s3://" + bucket + "/" + prefix + endpoint.map(uri -> " at " + uri).orElse("");
        }
    }

    /** Bucket names as S3 allows them (3-63 lower-case letters, digits, dots and hyphens). */
    Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    String FORMAT = "MAPPE_BLOBS is 'data-dir' (the default) or s3://bucket[/prefix]?endpoint=https://host:port&region=name"
            + "[&path-style=true|false]";

    /** Reads MAPPE_BLOBS and the credentials beside it; refuses the start with a message that says what is wrong. */
    static BlobLocation parse(Optional<String> value, Optional<String> accessKeyId, Optional<String> secretAccessKey) {
        if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
            throw new StartupRefused("MAPPE_S3_ACCESS_KEY_ID and MAPPE_S3_SECRET_ACCESS_KEY go together: set both, or neither to use"
                    + " the AWS SDK's default credentials");
        }
        if (value.isEmpty() || value.get().equals("data-dir")) {
            if (accessKeyId.isPresent()) {
                throw new StartupRefused("MAPPE_S3_ACCESS_KEY_ID is set but MAPPE_BLOBS names no bucket. " + FORMAT);
            }
            return new DataDirectory();
        }
        URI uri;
        try {
            uri = new URI(value.get());
        } catch (URISyntaxException e) {
            throw new StartupRefused(FORMAT + "; it was not an address: " + e.getMessage(), e);
        }
        if (!"s3".equals(uri.getScheme()) || uri.getHost() == null || !BUCKET.matcher(uri.getHost()).matches()) {
            throw new StartupRefused(FORMAT + "; it was " + value.get().replaceAll("\\?.*", "?..."));
        }
        String prefix = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
        Optional<URI> endpoint = Optional.empty();
        String region = "us-east-1";
        Optional<Boolean> pathStyle = Optional.empty();
        for (String pair : uri.getRawQuery() == null ? new String[0] : uri.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            String setting = parts[0];
            String given = parts.length == 2 ? java.net.URLDecoder.decode(parts[1], java.nio.charset.StandardCharsets.UTF_8) : "";
            switch (setting) {
                case "endpoint" -> endpoint = Optional.of(endpoint(given));
                case "region" -> region = given;
                case "path-style" -> pathStyle = Optional.of(pathStyle(given));
                default -> throw new StartupRefused(FORMAT + "; '" + setting + "' is not one of its settings");
            }
        }
        if (region.isBlank()) {
            throw new StartupRefused("MAPPE_BLOBS: region is empty. " + FORMAT);
        }
        return new S3(uri.getHost(), prefix.isEmpty() ? "" : prefix + "/", endpoint, region, pathStyle.orElse(endpoint.isPresent()),
                accessKeyId, secretAccessKey);
    }

    private static boolean pathStyle(String given) {
        return switch (given.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new StartupRefused("MAPPE_BLOBS: path-style must be true or false, was '" + given + "'");
        };
    }

    private static URI endpoint(String given) {
        try {
            URI endpoint = new URI(given);
            if (("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme())) && endpoint.getHost() != null) {
                return endpoint;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new StartupRefused("MAPPE_BLOBS: the endpoint must be an http or https address such as https://s3.example.no:9000, was "
                + given);
    }
}
