package io.tidewater.service.health;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tidewater.health}: what the shared health checks look at.
 *
 * @param s3Buckets the buckets the service reads reports from; the S3 check is up with none listed
 * @param timeout how long one check may wait for SQS, S3 or the ledger
 */
@ConfigurationProperties("tidewater.health")
public record HealthProperties(@DefaultValue List<String> s3Buckets, @DefaultValue("5s") Duration timeout) {

    public HealthProperties {
        s3Buckets = List.copyOf(s3Buckets);
    }
}
