package io.tidewater.service.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import software.amazon.awssdk.services.s3.S3Client;

/** Up when every configured report bucket answers a {@code HeadBucket} (it exists and the service may list it). */
final class S3HealthIndicator extends AbstractHealthIndicator {

    private final S3Client s3;
    private final List<String> buckets;

    S3HealthIndicator(S3Client s3, List<String> buckets) {
        super("Cannot reach S3");
        this.s3 = s3;
        this.buckets = buckets;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, String> reached = new LinkedHashMap<>();
        for (String bucket : buckets) {
            s3.headBucket(request -> request.bucket(bucket));
            reached.put(bucket, "reachable");
        }
        builder.up().withDetail("buckets", reached);
    }
}
