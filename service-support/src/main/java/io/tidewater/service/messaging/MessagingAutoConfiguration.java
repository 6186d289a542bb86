package io.tidewater.service.messaging;

import io.awspring.cloud.sqs.config.SqsListenerConfigurer;
import io.awspring.cloud.sqs.listener.Visibility;
import io.awspring.cloud.sqs.listener.errorhandler.ErrorHandler;
import io.awspring.cloud.sqs.operations.SqsTemplate;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * The {@link MessageLeases} every listener with long work holds its messages with ({@code tidewater.messaging}), and
 * the {@link DeadLetters} every listener parks what it can never process on, and the reading of contract-typed payloads
 * with the parking of a message that is none.
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

    @Bean
    @ConditionalOnBean(SqsTemplate.class)
    @ConditionalOnMissingBean
    StageMessages stageMessages(MessageLeases leases, DeadLetters deadLetters) {
        return new StageMessages(leases, deadLetters);
    }

    @Bean
    @ConditionalOnBean(SqsTemplate.class)
    @ConditionalOnMissingBean(ErrorHandler.class)
    ErrorHandler<Object> parkUnreadableErrorHandler(DeadLetters deadLetters, ApplicationEventPublisher events) {
        return new ParkUnreadableErrorHandler(deadLetters, events);
    }

    /**
     * Listeners take contract records, read by {@link ContractMessageConverter} when their arguments are resolved. The
     * container must not read the body into the listener's payload type itself (spring-cloud-aws infers it from the
     * method): a body it cannot read there fails before the listener and its error handler are reached, so it would be
     * delivered again and again rather than parked.
     */
    @Bean
    SqsListenerConfigurer contractPayloads() {
        return registrar -> {
            registrar.setMethodPayloadTypeInferrer((method, resolvers) -> null);
            registrar.manageMessageConverters(converters -> converters.add(0, new ContractMessageConverter()));
        };
    }
}
