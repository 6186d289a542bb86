package io.tidewater.service.messaging;

import io.awspring.cloud.sqs.listener.Visibility;
import io.awspring.cloud.sqs.operations.SqsTemplate;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The {@link MessageLeases} every listener with long work holds its messages with ({@code tidewater.messaging}), and
 * the {@link DeadLetters} every listener parks what it can never process on.
 */
@AutoConfiguration(afterName = "io.awspring.cloud.autoconfigure.sqs.SqsAutoConfiguration")
@ConditionalOnClass(Visibility.class)
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

    @Bean
    MessageLeases messageLeases(MessagingProperties properties) {
        return new MessageLeases(properties.lease());
    }

    @Bean
    @ConditionalOnBean(SqsTemplate.class)
    @ConditionalOnMissingBean
    DeadLetters deadLetters(SqsTemplate sqs) {
        return new DeadLetters(sqs);
    }
}
