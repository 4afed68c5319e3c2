package no.mappe.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import no.mappe.errors.StartupRefused;
import org.junit.jupiter.api.Test;

/** MAPPE_BLOBS: the data directory by default, a bucket when named, and a refusal that says what is wrong otherwise. */
class BlobLocationTest {

    @Test
    void theDataDirectoryUnlessABucketIsNamed() {
        assertThat(Config.from(Map.of()).blobs()).isEqualTo(new BlobLocation.DataDirectory());
        assertThat(Config.from(Map.of("MAPPE_BLOBS", "data-dir")).blobs()).isEqualTo(new BlobLocation.DataDirectory());
    }

    @Test
    void aBucketWithPrefixEndpointRegionAndCredentials() {
        Config config = Config.from(Map.of("MAPPE_BLOBS", "s3://mappe-arkiv/lysheim/?endpoint=https://s3.example.no:9000&region=eu-north-1",
                "MAPPE_S3_ACCESS_KEY_ID", "AKIDEXAMPLE", "MAPPE_S3_SECRET_ACCESS_KEY", "hemmelig-nøkkel"));
        BlobLocation.S3 bucket = (BlobLocation.S3) config.blobs();
        assertThat(bucket.bucket()).isEqualTo("mappe-arkiv");
        assertThat(bucket.prefix()).isEqualTo("lysheim/");
        assertThat(bucket.endpoint()).contains(URI.create("https://s3.example.no:9000"));
        assertThat(bucket.region()).isEqualTo("eu-north-1");
        assertThat(bucket.pathStyle()).as("on by default with an endpoint, as self-hosted stores need").isTrue();
        assertThat(config.toString()).as("the configuration as a log line would show it").doesNotContain("hemmelig");

        BlobLocation.S3 aws = (BlobLocation.S3) BlobLocation.parse(Optional.of("s3://mappe-arkiv?region=eu-north-1"), Optional.empty(),
                Optional.empty());
        assertThat(aws.prefix()).isEmpty();
        assertThat(aws.endpoint()).isEmpty();
        assertThat(aws.pathStyle()).as("AWS S3 itself: virtual-hosted buckets").isFalse();
        assertThat(((BlobLocation.S3) BlobLocation.parse(Optional.of("s3://b-1?endpoint=http://minio:9000&path-style=false"),
                Optional.empty(), Optional.empty())).pathStyle()).isFalse();
    }

    @Test
    void whatCannotBeUsedRefusesTheStartAndSaysWhy() {
        assertThatThrownBy(() -> parse("/srv/blobs")).isInstanceOf(StartupRefused.class).hasMessageContaining("s3://bucket");
        assertThatThrownBy(() -> parse("s3://Not_A_Bucket")).isInstanceOf(StartupRefused.class).hasMessageContaining("s3://bucket");
        assertThatThrownBy(() -> parse("s3://mappe?endpoint=ftp://x")).isInstanceOf(StartupRefused.class)
                .hasMessageContaining("http or https");
        assertThatThrownBy(() -> parse("s3://mappe?endpoint=https://x&colour=blue")).isInstanceOf(StartupRefused.class)
                .hasMessageContaining("'colour'");
        assertThatThrownBy(() -> parse("s3://mappe?path-style=maybe")).isInstanceOf(StartupRefused.class)
                .hasMessageContaining("path-style");
        assertThatThrownBy(() -> BlobLocation.parse(Optional.of("s3://mappe"), Optional.of("AKID"), Optional.empty()))
                .isInstanceOf(StartupRefused.class).hasMessageContaining("go together");
        assertThatThrownBy(() -> BlobLocation.parse(Optional.empty(), Optional.of("AKID"), Optional.of("secret")))
                .isInstanceOf(StartupRefused.class).hasMessageContaining("names no bucket");
    }

    private static BlobLocation parse(String value) {
        return BlobLocation.parse(Optional.of(value), Optional.empty(), Optional.empty());
    }
}
