package io.tidewater.service.health;

import io.tidewater.service.ledger.LedgerAutoConfiguration;
import io.tidewater.service.metrics.ListenedQueues;
import io.tidewater.service.metrics.MetricsAutoConfiguration;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The shared health indicators, named {@code sqs}, {@code s3} and {@code ledger} for the services' readiness groups
 * ({@code management.endpoint.health.group.readiness.include}); each exists only where the service has the client.
 */
@AutoConfiguration(
        after = {MetricsAutoConfiguration.class, LedgerAutoConfiguration.class},
        afterName = {
            "io.awspring.cloud.autoconfigure.sqs.SqsAutoConfiguration",
            "io.awspring.cloud.autoconfigure.s3.S3AutoConfiguration"
        })
@ConditionalOnClass(HealthIndicator.class)
@EnableConfigurationProperties(HealthProperties.class)
public class HealthAutoConfiguration {

    @Bean
    @ConditionalOnBean(DataSource.class)
    HealthIndicator ledgerHealthIndicator(Map<String, DataSource> dataSources, HealthProperties properties) {
        return new LedgerHealthIndicator(dataSources, properties.timeout());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "software.amazon.awssdk.services.sqs.SqsAsyncClient")
    @ConditionalOnBean(
            type = {"software.amazon.awssdk.services.sqs.SqsAsyncClient"},
            value = ListenedQueues.class)
    static class Sqs {

        @Bean
        HealthIndicator sqsHealthIndicator(
                ListenedQueues queues,
                software.amazon.awssdk.services.sqs.SqsAsyncClient sqs,
                HealthProperties properties) {
            return new SqsHealthIndicator(queues, sqs, properties.timeout());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "software.amazon.awssdk.services.s3.S3Client")
    @ConditionalOnBean(type = "software.amazon.awssdk.services.s3.S3Client")
    static class S3 {

        @Bean
        HealthIndicator s3HealthIndicator(software.amazon.awssdk.services.s3.S3Client s3, HealthProperties properties) {
            return new S3HealthIndicator(s3, properties.s3Buckets());
        }
    }
}
