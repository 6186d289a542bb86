package io.tidewater.local.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.NodeAddress;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.rest.sqs.TheSQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import scala.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;

/**
 * ElasticMQ speaking the SQS protocol on loopback, with every configured queue and its dead-letter queue; queues and
 * messages kept in the data directory unless the configuration says otherwise.
 */
final class EmbeddedSqs implements AutoCloseable {

    private static final String MESSAGE_STORE = "sqs.db";
    private static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(30);
    private static Path messageStoreInUse;

    private final ActorSystem actors;
    private final SQSRestServer server;
    private final SqsClient client;
    private final Map<String, String> queueUrls = new HashMap<>();

    private EmbeddedSqs(ActorSystem actors, SQSRestServer server, SqsClient client) {
        this.actors = actors;
        this.server = server;
        this.client = client;
    }

    static EmbeddedSqs start(LocalStackProperties properties, Path dataDirectory) {
        int port = properties.sqs().port();
        ActorSystem actors = ActorSystem.create("tidewater-sqs");
        try {
            Option<ActorRef> messageStore = properties.sqs().persistMessages()
                    ? Option.apply(actors.actorOf(Props.create(
                            SqlQueuePersistenceActor.class,
                            messageStoreConfig(dataDirectory),
                            scala.collection.immutable.List$.MODULE$.empty())))
                    : Option.empty();
            ActorRef queueManager = actors.actorOf(
                    Props.create(QueueManagerActor.class, new NowProvider(), StrictSQSLimits$.MODULE$, messageStore));
            if (messageStore.isDefined()) {
                restore(messageStore.get(), queueManager, dataDirectory);
            }
            TheSQSRestServerBuilder builder = SQSRestServerBuilder.withActorSystem(actors)
                    .withQueueManagerActor(queueManager)
                    .withInterface("127.0.0.1")
                    .withPort(port)
                    .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                    .withAWSRegion(properties.region());
            SQSRestServer server =
                    (messageStore.isDefined() ? builder.withQueueEventListener(messageStore.get()) : builder).start();
            server.waitUntilStarted();
            SqsClient client = SqsClient.builder()
                    .endpointOverride(URI.create(properties.sqsEndpoint()))
                    .region(Region.of(properties.region()))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .build();
            EmbeddedSqs sqs = new EmbeddedSqs(actors, server, client);
            properties.sqs().queues().forEach(sqs::createWithDeadLetterQueue);
            return sqs;
        } catch (RuntimeException e) {
            actors.terminate();
            throw e;
        }
    }

    /**
     * ElasticMQ opens its message database once per JVM and keeps it: a second stack in the same JVM would silently
     * share the first one's queues, so it is refused unless it uses the same data directory (a restart).
     */
    private static synchronized SqlQueuePersistenceConfig messageStoreConfig(Path dataDirectory) {
        Path file = dataDirectory.toAbsolutePath().resolve(MESSAGE_STORE);
        if (messageStoreInUse != null && !messageStoreInUse.equals(file)) {
            throw new IllegalStateException(
                    "Cannot keep the local SQS messages in %s: this JVM keeps them in %s already (ElasticMQ opens one"
                                    .formatted(file, messageStoreInUse)
                            + " message store per JVM); start this stack with persist-messages: false");
        }
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot create the data directory " + file.getParent() + ": " + e.getMessage(), e);
        }
        messageStoreInUse = file;
        // WAL with synchronous=NORMAL: a commit survives the process being killed, which is what a restart needs.
        return new SqlQueuePersistenceConfig(
                true, "org.sqlite.JDBC", "jdbc:sqlite:" + file + "?journal_mode=WAL&synchronous=NORMAL", "", "", false);
    }

    /** Brings back the queues and messages kept before, before the endpoint takes any request. */
    private static void restore(ActorRef messageStore, ActorRef queueManager, Path dataDirectory) {
        Object result;
        try {
            result = Patterns.ask(messageStore, new QueueEvent.Restore(queueManager), RESTORE_TIMEOUT)
                    .toCompletableFuture()
                    .get(RESTORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Cannot restore the local SQS queues: interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "Cannot restore the local SQS queues from " + dataDirectory.resolve(MESSAGE_STORE) + ": "
                            + e.getMessage(),
                    e);
        }
        if (result instanceof scala.util.Left<?, ?> errors) {
            throw new IllegalStateException("Cannot restore the local SQS queues from "
                    + dataDirectory.resolve(MESSAGE_STORE) + ": " + errors.value());
        }
    }

    private void createWithDeadLetterQueue(LocalStackProperties.Queue queue) {
        String deadLetterUrl = client.createQueue(request -> request.queueName(queue.deadLetterQueueName()))
                .queueUrl();
        String deadLetterArn = client.getQueueAttributes(
                        request -> request.queueUrl(deadLetterUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        String redrivePolicy = "{\"deadLetterTargetArn\":\"%s\",\"maxReceiveCount\":\"%d\"}"
                .formatted(deadLetterArn, queue.maxReceiveCount());
        Map<QueueAttributeName, String> attributes = Map.of(
                QueueAttributeName.REDRIVE_POLICY,
                redrivePolicy,
                QueueAttributeName.VISIBILITY_TIMEOUT,
                String.valueOf(queue.visibilityTimeoutSeconds()));
        String url;
        try {
            url = client.createQueue(request -> request.queueName(queue.name()).attributes(attributes))
                    .queueUrl();
        } catch (QueueNameExistsException kept) {
            // Kept from an earlier run with other settings: the configuration in force now wins.
            url = client.getQueueUrl(request -> request.queueName(queue.name())).queueUrl();
            String existing = url;
            client.setQueueAttributes(request -> request.queueUrl(existing).attributes(attributes));
        }
        queueUrls.put(queue.name(), url);
        queueUrls.put(queue.deadLetterQueueName(), deadLetterUrl);
    }

    SqsClient client() {
        return client;
    }

    String queueUrl(String name) {
        String url = queueUrls.get(name);
        if (url == null) {
            throw new IllegalArgumentException(
                    "Cannot find queue " + name + ": it is not in the local stack configuration");
        }
        return url;
    }

    @Override
    public void close() {
        client.close();
        try {
            server.stopAndWait();
        } finally {
            // The server leaves a provided actor system running; the queues and the message store stop with it.
            actors.terminate();
            try {
                actors.getWhenTerminated().toCompletableFuture().get(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("Cannot stop the local SQS: " + e.getMessage(), e);
            }
        }
    }
}
