package io.tidewater.loader.load;

import static io.tidewater.loader.load.LocalLoader.column;
import static io.tidewater.loader.load.LocalLoader.csvJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.awspring.cloud.sqs.listener.QueueMessageVisibility;
import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.awspring.cloud.sqs.listener.Visibility;
import io.awspring.cloud.sqs.operations.SqsTemplate;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tidewater.contract.LoadJob;
import io.tidewater.contract.LoadResult;
import io.tidewater.contract.MessageJson;
import io.tidewater.loader.LocalSqs;
import io.tidewater.loader.maintenance.TableLocks;
import io.tidewater.service.messaging.DeadLetters;
import io.tidewater.service.messaging.MessageLeases;
import io.tidewater.service.messaging.StageMessages;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.util.SnapshotUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.support.MessageBuilder;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * A load job whose lease cannot be extended comes back to the jobs queue while its first attempt is still alive; the
 * retake runs beside it through the same listener, and the table holds the job's rows once. The test receives from a
 * real queue (ElasticMQ) and acknowledges as the listener container does.
 */
class RetakenLoadJobIT {

    private static final int QUEUE_VISIBILITY_SECONDS = 2;
    private static final Duration RUN = Duration.ofSeconds(120);

    private final LocalLoader loader = LocalLoader.get();
    private final LocalSqs sqs = LocalSqs.start(List.of("jobs-dlq", "replies"));
    private final String jobs = sqs.queue("jobs", QUEUE_VISIBILITY_SECONDS);
    private final SqsAsyncClient asyncSqs = sqs.newAsyncClient();
    private final MessageLeases leases = new MessageLeases(Duration.ofSeconds(3));

    @AfterEach
    void close() {
        leases.close();
        asyncSqs.close();
    }

    @Test
    void jobRetakenWhileItsFirstAttemptStillRunsIsCommittedOnce() throws Exception {
        LoadJob job = csvJob(
                "retakes.objects",
                "retaken-1",
                "addNewColumns",
                List.of(column("id", "long"), column("name", "string")),
                loader.csv("retaken.csv", "id,name", "1,a", "2,b", "3,c"));
        OverlappingAttempts attempts = new OverlappingAttempts();
        LoadJobListener listener = givenListener(attempts);
        sqs.send("jobs", MessageJson.write(job));

        Message first = receive().orElseThrow();
        CompletableFuture<Void> firstAttempt =
                CompletableFuture.runAsync(() -> listener.onLoadJob(delivered(first, new UnreachableSqs())));
        Message retaken = await().atMost(Duration.ofSeconds(QUEUE_VISIBILITY_SECONDS * 5L))
                .until(this::receive, Optional::isPresent)
                .orElseThrow();
        CompletableFuture<Void> retake = CompletableFuture.runAsync(() -> listener.onLoadJob(
                delivered(retaken, new QueueMessageVisibility(asyncSqs, jobs, retaken.receiptHandle()))));
        CompletableFuture.allOf(firstAttempt, retake).get(RUN.toSeconds(), TimeUnit.SECONDS);
        sqs.client().deleteMessage(request -> request.queueUrl(jobs).receiptHandle(retaken.receiptHandle()));

        assertThat(retaken.messageId()).isEqualTo(first.messageId());
        assertThat(retaken.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .isEqualTo("2");
        assertThat(attempts.overlapped)
                .as("the first attempt was still running when the retake started")
                .isTrue();
        assertThat(loader.count("SELECT count(*) FROM retakes.objects")).isEqualTo(3);
        List<LoadResult.LoadCompleted> replies = replies(2);
        assertThat(replies).filteredOn(reply -> !reply.alreadyLoaded()).hasSize(1);
        assertThat(replies)
                .extracting(LoadResult.LoadCompleted::snapshotId)
                .containsOnly(replies.get(0).snapshotId());
        assertThat(SnapshotUtil.currentAncestorIds(loader.table("retakes.objects")))
                .as("one snapshot published; the other attempt's stays staged")
                .hasSize(1);
    }

    private LoadJobListener givenListener(OverlappingAttempts attempts) {
        IcebergTables tables = new IcebergTables(loader.catalog);
        LoadJobRunner runner = new LoadJobRunner(
                loader.spark,
                tables,
                new QuarantineTables(tables),
                new SimpleMeterRegistry(),
                loader.properties,
                List.of(attempts),
                new TableLocks());
        SqsTemplate template = SqsTemplate.newTemplate(asyncSqs);
        return new LoadJobListener(
                runner,
                template,
                loader.properties,
                new SimpleMeterRegistry(),
                new StageMessages(leases, new DeadLetters(template)));
    }

    /**
     * The message as the listener container hands it over: the job read from its body, its id and its visibility in
     * the headers.
     */
    private static org.springframework.messaging.Message<LoadJob> delivered(Message message, Visibility visibility) {
        // The headers spring-cloud-aws's container sets on every message it hands a listener.
        return MessageBuilder.withPayload(MessageJson.read(message.body(), LoadJob.class))
                .setHeader(SqsHeaders.SQS_SOURCE_DATA_HEADER, message)
                .setHeader(SqsHeaders.SQS_QUEUE_NAME_HEADER, "jobs")
                .setHeader(SqsHeaders.SQS_RAW_MESSAGE_ID_HEADER, message.messageId())
                .setHeader(SqsHeaders.SQS_VISIBILITY_TIMEOUT_HEADER, visibility)
                .build();
    }

    private Optional<Message> receive() {
        return sqs
                .client()
                .receiveMessage(request -> request.queueUrl(jobs)
                        .maxNumberOfMessages(1)
                        .waitTimeSeconds(1)
                        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .messages()
                .stream()
                .findFirst();
    }

    private List<LoadResult.LoadCompleted> replies(int expected) {
        String url = sqs.client()
                .getQueueUrl(request -> request.queueName("replies"))
                .queueUrl();
        List<LoadResult.LoadCompleted> replies = new CopyOnWriteArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            sqs.client()
                    .receiveMessage(request -> request.queueUrl(url).maxNumberOfMessages(10))
                    .messages()
                    .forEach(reply -> replies.add(MessageJson.read(reply.body(), LoadResult.LoadCompleted.class)));
            return replies.size() >= expected;
        });
        return replies;
    }

    /**
     * Holds the first attempt at its start until the retake has started too, so that both load at the same time. A
     * test's observer may block; the loader's own must not.
     */
    private static final class OverlappingAttempts implements LoadJobObserver {
        private final AtomicInteger started = new AtomicInteger();
        private final CountDownLatch retakeStarted = new CountDownLatch(1);
        volatile boolean overlapped;

        @Override
        public void started(LoadJob job) {
            if (started.incrementAndGet() > 1) {
                retakeStarted.countDown();
                return;
            }
            try {
                overlapped = retakeStarted.await(RUN.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void completed(LoadJob job, LoadResult.LoadCompleted result) {}

        @Override
        public void failed(LoadJob job, RuntimeException failure) {}
    }

    /** Every extension fails, as when the loader cannot reach SQS: the message comes back while its work goes on. */
    private static final class UnreachableSqs implements Visibility {
        @Override
        public CompletableFuture<Void> changeToAsync(int seconds) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("Unable to execute HTTP request: Connection refused"));
        }
    }
}
