package io.tidewater.service.messaging;

import io.tidewater.contract.InvalidMessageException;
import io.tidewater.contract.MessageJson;
import java.nio.charset.StandardCharsets;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.AbstractMessageConverter;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.util.MimeTypeUtils;

/**
 * Reads a listener's contract-typed payload ({@code ReportArrived}, {@code LoadJob}, {@code LoadResult}, ...) from the
 * body as the contract's own {@link MessageJson} maps it, so that a listener reads a message exactly as every sender
 * wrote it and as the Spark jobs read it. An unreadable body fails with a {@link MessageConversionException} whose
 * cause is the contract's {@link InvalidMessageException}, for {@link ParkUnreadableErrorHandler} to park it with that
 * reason.
 */
final class ContractMessageConverter extends AbstractMessageConverter {

    private static final String CONTRACT_PACKAGE = MessageJson.class.getPackageName();

    ContractMessageConverter() {
        super(MimeTypeUtils.APPLICATION_JSON);
    }

    @Override
    protected boolean supports(Class<?> type) {
        return type.getPackageName().equals(CONTRACT_PACKAGE);
    }

    @Override
    protected boolean supportsMimeType(MessageHeaders headers) {
        // The contract is JSON whatever a sender (S3, the AWS CLI, SqsTemplate) said the content type was.
        return true;
    }

    @Override
    protected boolean canConvertTo(Object payload, MessageHeaders headers) {
        // Senders write the contract through MessageJson themselves; this converter only reads.
        return false;
    }

    @Override
    protected Object convertFromInternal(Message<?> message, Class<?> targetClass, Object conversionHint) {
        Object payload = message.getPayload();
        String body = payload instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : payload.toString();
        try {
            return MessageJson.read(body, targetClass);
        } catch (InvalidMessageException unreadable) {
            throw new MessageConversionException(message, unreadable.getMessage(), unreadable);
        }
    }
}
