package io.tidewater.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tidewater.local.faults.FaultStackConfiguration;
import io.tidewater.local.faults.PipelineProbe;
import io.tidewater.local.stack.LocalStack;
import io.tidewater.local.stack.LocalStackProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;

/** The local SQS keeps its messages in the data directory: a restarted stack has them all, in flight ones too. */
class LocalStackRestartIT {

    @Test
    void messagesWaitingAndInFlightSurviveARestartOfTheStack(@TempDir Path temp) throws Exception {
        LocalStackProperties properties = LocalStackProperties.read(
                FaultStackConfiguration.write(temp.resolve("stack.yml"), FaultStackConfiguration.onFreePorts(), 2));
        Path data = temp.resolve("data");
        String queue = "tidewater-load-jobs";

        try (LocalStack stack = LocalStack.start(properties, data);
                PipelineProbe probe = new PipelineProbe(properties, data)) {
            String url = stack.queueUrl(queue);
            probe.sqs().sendMessage(request -> request.queueUrl(url).messageBody("waiting"));
            probe.sqs().sendMessage(request -> request.queueUrl(url).messageBody("in flight"));
            List<Message> received = probe.sqs()
                    .receiveMessage(request -> request.queueUrl(url).maxNumberOfMessages(1))
                    .messages();
            assertThat(received).hasSize(1);
        }

        try (LocalStack stack = LocalStack.start(properties, data);
                PipelineProbe probe = new PipelineProbe(properties, data)) {
            String url = stack.queueUrl(queue);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(probe.pendingMessages()).isEqualTo(2));
            List<String> bodies = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                probe.sqs()
                        .receiveMessage(request ->
                                request.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(60))
                        .messages()
                        .forEach(message -> bodies.add(message.body()));
                assertThat(bodies).containsExactlyInAnyOrder("waiting", "in flight");
            });
        }
    }
}
