package io.tidewater.service.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.awspring.cloud.sqs.listener.SqsHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

class CorrelationIdInterceptorTest {

    private final CorrelationIdInterceptor interceptor = new CorrelationIdInterceptor();

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void putsTheMessageQueueRunJobAndTableIntoTheMdcWhileTheListenerRuns() {
        Message<Object> message =
                givenMessage("{\"jobId\":\"job-1\",\"runId\":\"run-7\",\"table\":\"inventory.objects\",\"files\":[]}");

        interceptor.intercept(message);

        assertThat(MDC.get(CorrelationIdInterceptor.MESSAGE_ID)).isEqualTo("0f7e3a52-message");
        assertThat(MDC.get(CorrelationIdInterceptor.QUEUE)).isEqualTo("tidewater-load-jobs");
        assertThat(MDC.get(CorrelationIdInterceptor.RUN_ID)).isEqualTo("run-7");
        assertThat(MDC.get(CorrelationIdInterceptor.JOB_ID)).isEqualTo("job-1");
        assertThat(MDC.get(CorrelationIdInterceptor.TABLE)).isEqualTo("inventory.objects");
    }

    @Test
    void clearsTheIdsAfterProcessingSoTheNextMessageOnTheThreadStartsClean() {
        Message<Object> message = givenMessage("{\"runId\":\"run-7\"}");
        interceptor.intercept(message);

        interceptor.afterProcessing(message, new IllegalStateException("listener failed"));

        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void keepsNoIdsOfAnEarlierMessageWhoseAfterProcessingNeverRan() {
        interceptor.intercept(givenMessage("{\"runId\":\"run-1\",\"table\":\"billing.cur\"}"));

        interceptor.intercept(givenMessage("{\"runId\":\"run-2\"}"));

        assertThat(MDC.get(CorrelationIdInterceptor.RUN_ID)).isEqualTo("run-2");
        assertThat(MDC.get(CorrelationIdInterceptor.TABLE)).isNull();
    }

    @Test
    void namesOnlyTheMessageAndQueueForAPayloadThatIsNotJson() {
        interceptor.intercept(givenMessage("{not json"));

        assertThat(MDC.get(CorrelationIdInterceptor.MESSAGE_ID)).isEqualTo("0f7e3a52-message");
        assertThat(MDC.get(CorrelationIdInterceptor.RUN_ID)).isNull();
    }

    @Test
    void ignoresFieldsThatAreNotText() {
        interceptor.intercept(givenMessage("{\"runId\":{\"nested\":true},\"table\":42}"));

        assertThat(MDC.get(CorrelationIdInterceptor.RUN_ID)).isNull();
        assertThat(MDC.get(CorrelationIdInterceptor.TABLE)).isNull();
    }

    private static Message<Object> givenMessage(String payload) {
        return MessageBuilder.<Object>withPayload(payload)
                .setHeader(SqsHeaders.SQS_RAW_MESSAGE_ID_HEADER, "0f7e3a52-message")
                .setHeader(SqsHeaders.SQS_QUEUE_NAME_HEADER, "http://127.0.0.1:9324/000000000000/tidewater-load-jobs")
                .build();
    }
}
