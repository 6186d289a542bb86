package io.tidewater.service.logging;

import io.awspring.cloud.sqs.listener.interceptor.MessageInterceptor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** Correlation ids in the MDC for every {@code @SqsListener} (the SQS container factory picks interceptors up). */
@AutoConfiguration(beforeName = "io.awspring.cloud.autoconfigure.sqs.SqsAutoConfiguration")
@ConditionalOnClass(MessageInterceptor.class)
public class LoggingAutoConfiguration {

    @Bean
    MessageInterceptor<Object> correlationIdInterceptor() {
        return new CorrelationIdInterceptor();
    }
}
