package io.tidewater.trigger.config;

import io.awspring.cloud.sqs.config.SqsMessageListenerContainerFactory;
import java.time.Duration;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Deletes messages as soon as a listener acknowledges them. spring-cloud-aws's default for standard queues collects
 * acknowledgements for up to a second or ten messages; the events listener acknowledges whole batches itself, so the
 * wait would only keep processed messages in flight (and a trailing partial batch a second longer).
 */
@Component
class ImmediateAcknowledgement implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof SqsMessageListenerContainerFactory<?> factory) {
            factory.configure(
                    options -> options.acknowledgementInterval(Duration.ZERO).acknowledgementThreshold(0));
        }
        return bean;
    }
}
