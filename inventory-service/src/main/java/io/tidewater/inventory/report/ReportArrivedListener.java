package io.tidewater.inventory.report;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.operations.SqsTemplate;
import io.tidewater.contract.LoadJob;
import io.tidewater.contract.MessageJson;
import io.tidewater.contract.ReportArrived;
import io.tidewater.inventory.config.InventoryProperties;
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

    @SqsListener("${tidewater.inventory.reports-queue}")
    void onReportArrived(String body) {
        ReportArrived arrived = MessageJson.read(body, ReportArrived.class);
        ManifestReader.VerifiedManifest manifest =
                manifests.read(ReportLocation.ofMarker(arrived.bucket(), arrived.key()));
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
