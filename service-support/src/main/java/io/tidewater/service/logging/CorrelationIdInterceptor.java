package io.tidewater.service.logging;

import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.awspring.cloud.sqs.listener.interceptor.MessageInterceptor;
import io.tidewater.service.metrics.ListenedQueues;
import java.util.List;
import org.slf4j.MDC;
import org.springframework.messaging.Message;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts the SQS message id, the queue and the run, job and table a message names into the logging MDC while a listener
 * handles it, so that every log line it causes carries them (Boot's structured JSON formats write the MDC). A listener
 * without {@code async} runs on the thread that runs this interceptor, which is what makes the MDC reach it.
 */
public final class CorrelationIdInterceptor implements MessageInterceptor<Object> {

    /** The MDC keys, as they appear in structured log lines. */
    public static final String MESSAGE_ID = "messageId";

    public static final String QUEUE = "queue";
    public static final String RUN_ID = "runId";
    public static final String JOB_ID = "jobId";
    public static final String TABLE = "table";

    private static final List<String> PAYLOAD_FIELDS = List.of(RUN_ID, JOB_ID, TABLE);
    private static final List<String> KEYS = List.of(MESSAGE_ID, QUEUE, RUN_ID, JOB_ID, TABLE);
    /** Tidewater's messages are a few KiB; anything far larger is not worth parsing twice. */
    private static final int MAX_PARSED_PAYLOAD = 64 * 1024;

    private final ObjectMapper json = JsonMapper.builder().build();

    @Override
    public Message<Object> intercept(Message<Object> message) {
        clear();
        Object rawId = message.getHeaders().get(SqsHeaders.SQS_RAW_MESSAGE_ID_HEADER);
        putIfPresent(MESSAGE_ID, rawId != null ? rawId : message.getHeaders().getId());
        Object queue = message.getHeaders().get(SqsHeaders.SQS_QUEUE_NAME_HEADER);
        putIfPresent(QUEUE, queue == null ? null : ListenedQueues.nameOf(queue.toString()));
        if (message.getPayload() instanceof String payload) {
            payloadIds(payload);
        }
        return message;
    }

    @Override
    public void afterProcessing(Message<Object> message, Throwable failure) {
        clear();
    }

    private void payloadIds(String payload) {
        if (payload.length() > MAX_PARSED_PAYLOAD || !payload.stripLeading().startsWith("{")) {
            return;
        }
        try {
            JsonNode root = json.readTree(payload);
            for (String field : PAYLOAD_FIELDS) {
                JsonNode value = root.get(field);
                if (value != null && value.isString()) {
                    MDC.put(field, value.stringValue());
                }
            }
        } catch (JacksonException unreadable) {
            // The listener rejects the message with its own error; the log line then has the message id only.
        }
    }

    private static void putIfPresent(String key, Object value) {
        if (value != null) {
            MDC.put(key, value.toString());
        }
    }

    private static void clear() {
        KEYS.forEach(MDC::remove);
    }
}
