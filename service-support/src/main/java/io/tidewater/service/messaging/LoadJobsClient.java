package io.tidewater.service.messaging;

import static java.util.Objects.requireNonNull;

import io.awspring.cloud.sqs.operations.SqsTemplate;
import io.tidewater.contract.LoadJob;
import io.tidewater.contract.MessageJson;

/** Sends load jobs to the loader's jobs queue of one pipeline; the loader replies on each job's reply queue. */
public final class LoadJobsClient {

    private final SqsTemplate sqs;
    private final String queue;

    /**
     * @param sqs the template that sends
     * @param queue the loader's jobs queue for this pipeline
     */
    public LoadJobsClient(SqsTemplate sqs, String queue) {
        this.sqs = requireNonNull(sqs, "sqs is null");
        this.queue = requireNonNull(queue, "queue is null");
    }

    /** Sends the job. */
    public void send(LoadJob job) {
        send(MessageJson.write(job));
    }

    /** Sends a job already written as JSON, as a ledger that keeps jobs to send later holds it. */
    public void send(String job) {
        sqs.send(to -> to.queue(queue).payload(job));
    }
}
