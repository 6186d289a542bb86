package io.tidewater.service.messaging;

import io.awspring.cloud.sqs.listener.Visibility;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The {@link MessageLeases} every listener with long work holds its messages with ({@code tidewater.messaging}). */
@AutoConfiguration
@ConditionalOnClass(Visibility.class)
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

    @Bean
    MessageLeases messageLeases(MessagingProperties properties) {
        return new MessageLeases(properties.lease());
    }
}
