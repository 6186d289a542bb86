package io.tidewater.inventory.report;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.operations.SqsTemplate;
import io.tidewater.contract.LoadJob;
import io.tidewater.contract.MessageJson;
import io.tidewater.contract.ReportArrived;
import io.tidewater.inventory.config.InventoryProperties;
import io.tidewater.inventory.manifest.InvalidReportException;
import io.tidewater.inventory.manifest.ManifestReader;
import io.tidewater.inventory.manifest.ReportLocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Verifies an arrived inventory report and sends the loader one load job for it. */
@Component
class ReportArrivedListener {

    private static final Logger log = LoggerFactory.getLogger(ReportArrivedListener.class);

    private final ManifestReader manifests;
    private final SqsTemplate sqs;
    private final InventoryProperties properties;

    ReportArrivedListener(ManifestReader manifests, SqsTemplate sqs, InventoryProperties properties) {
        this.manifests = manifests;
        this.sqs = sqs;
        this.properties = properties;
    }

    /**
     * A report that is wrong as delivered is parked on the dead-letter queue with its reason at once: delivering it
     * again cannot help, and nothing of it is loaded.
     */
    @SqsListener("${tidewater.inventory.reports-queue}")
    void onReportArrived(String body) {
        ReportArrived arrived = MessageJson.read(body, ReportArrived.class);
        ManifestReader.VerifiedManifest manifest;
        try {
            manifest = manifests.read(ReportLocation.ofMarker(arrived.bucket(), arrived.key()));
        } catch (InvalidReportException invalid) {
            log.warn(
                    "Run {}: rejected report s3://{}/{}: {}",
                    arrived.runId(),
                    arrived.bucket(),
                    arrived.key(),
                    invalid.getMessage());
            sqs.send(to -> to.queue(properties.reportsQueue() + "-dlq")
                    .payload(body)
                    .header("tidewater-failure-reason", invalid.getMessage()));
            return;
        }
        LoadJob job = InventoryLoadJobs.forReport(arrived, manifest, properties);
        sqs.send(to -> to.queue(properties.loadJobsQueue()).payload(MessageJson.write(job)));
        log.info(
                "Run {}: inventory report of {} with {} files sent to the loader as job {}",
                arrived.runId(),
                manifest.manifest().sourceBucket(),
                job.files().size(),
                job.jobId());
    }
}
