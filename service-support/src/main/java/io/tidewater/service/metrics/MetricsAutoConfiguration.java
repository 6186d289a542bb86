package io.tidewater.service.metrics;

import io.awspring.cloud.sqs.listener.MessageListenerContainerRegistry;
import io.awspring.cloud.sqs.listener.interceptor.MessageInterceptor;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Queue lag for every {@code @SqsListener} (an interceptor the SQS container factory picks up) and a depth gauge for
 * each queue the service reads and its dead-letter queue.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
            "io.awspring.cloud.autoconfigure.sqs.SqsAutoConfiguration"
        })
@ConditionalOnClass({MessageInterceptor.class, SqsAsyncClient.class})
@ConditionalOnBean(MeterRegistry.class)
@EnableConfigurationProperties(MetricsProperties.class)
public class MetricsAutoConfiguration {

    @Bean
    MessageInterceptor<Object> queueLagInterceptor(MeterRegistry meters) {
        return new QueueLagInterceptor(new PipelineMeters(meters), Clock.systemUTC());
    }

    @Bean
    ListenedQueues listenedQueues(ObjectProvider<MessageListenerContainerRegistry> registries) {
        return ListenedQueues.of(registries);
    }

    @Bean
    @ConditionalOnBean(SqsAsyncClient.class)
    QueueDepthGauges queueDepthGauges(
            MeterRegistry meters, ListenedQueues queues, SqsAsyncClient sqs, MetricsProperties properties) {
        return new QueueDepthGauges(
                meters,
                queues::withDeadLetterQueues,
                new SqsQueueDepths(sqs, properties.queueDepthTimeout()),
                properties.queueDepthInterval());
    }
}
