package io.tidewater.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.tidewater.local.demo.CurDelivery;
import io.tidewater.local.demo.CurReportGenerator;
import io.tidewater.local.demo.InventoryReport;
import io.tidewater.local.demo.InventoryReportGenerator;
import io.tidewater.local.fixtures.LocalPipeline;
import io.tidewater.service.metrics.PipelineMeters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backlog, as the sweep finding a month of missed deliveries or a new account's backfill makes one: inventory reports
 * and billing deliveries all arrive at once. Every report loads exactly once, the loader never runs more jobs than it
 * has lanes (its memory bound), and billing's deliveries, queued behind the inventory backlog, load before it drains:
 * each pipeline has a lane of its own on the loader. Lean in CI; the full size by hand:
 * {@code -Dtidewater.backlog.inventory-reports=100 -Dtidewater.backlog.billing-deliveries=12}.
 */
class BacklogIT {

    private static final int INVENTORY_REPORTS = Integer.getInteger("tidewater.backlog.inventory-reports", 6);
    private static final int BILLING_DELIVERIES = Integer.getInteger("tidewater.backlog.billing-deliveries", 2);
    private static final int ROWS_PER_REPORT = Integer.getInteger("tidewater.backlog.rows-per-report", 10_000);
    private static final String SOURCE_PREFIX = "backlog-source-";
    private static final String PAYER_PREFIX = "backlog-payer-";
    /** Two lanes (inventory's and billing's jobs queues), one job each: the loader's default. */
    private static final int LANES_TIMES_JOBS_PER_LANE = 2;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void billingDeliveriesQueuedBehindAnInventoryBacklogLoadBeforeItDrainsAndEveryReportLoadsOnce(@TempDir Path data)
            throws Exception {
        // The backlog gauge read every second, not every 10: a backlog that drains in seconds is seen while it waits.
        try (LocalPipeline pipeline =
                LocalPipeline.start(data.resolve("stack"), Map.of("tidewater.trigger.backlog-refresh", "PT1S"))) {
            Instant createdAt = Instant.parse("2026-11-01T01:00:00Z");
            InventoryReportGenerator inventory = new InventoryReportGenerator(42);
            List<InventoryReport> reports = new ArrayList<>();
            for (int report = 0; report < INVENTORY_REPORTS; report++) {
                reports.add(inventory.generate(
                        data.resolve("reports").resolve(String.valueOf(report)),
                        SOURCE_PREFIX + report,
                        ROWS_PER_REPORT,
                        2,
                        createdAt));
            }
            List<CurDelivery> deliveries = new ArrayList<>();
            for (int delivery = 0; delivery < BILLING_DELIVERIES; delivery++) {
                deliveries.add(new CurReportGenerator("tidewater-billing", "cur", PAYER_PREFIX + delivery)
                        .delivery(YearMonth.of(2025, 1 + delivery % 12), 3, 40, false, delivery));
            }

            Instant started = Instant.now();
            reports.forEach(report -> upload(pipeline, report));
            deliveries.forEach(delivery -> upload(pipeline, delivery));

            Backlog backlog = new Backlog(pipeline);
            await().atMost(Duration.ofMinutes(Math.max(5, INVENTORY_REPORTS / 4)))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> backlog.observe(reports, deliveries));
            Duration wall = Duration.between(started, Instant.now());

            System.out.printf(
                    "BACKLOG inventory_reports=%d billing_deliveries=%d rows_per_report=%d wall_s=%.1f"
                            + " inventory_drained_s=%.1f worst_billing_wait_s=%.1f max_running_jobs=%d"
                            + " max_inventory_backlog=%d peak_rss_mib=%d max_heap_mib=%d%n",
                    INVENTORY_REPORTS,
                    BILLING_DELIVERIES,
                    ROWS_PER_REPORT,
                    wall.toMillis() / 1000.0,
                    Duration.between(started, backlog.inventoryDrainedAt).toMillis() / 1000.0,
                    Duration.between(started, backlog.lastBillingLoadedAt).toMillis() / 1000.0,
                    backlog.maxRunningJobs.get(),
                    backlog.maxInventoryBacklog.get(),
                    peakResidentMebibytes(),
                    Runtime.getRuntime().maxMemory() >> 20);

            assertThat(backlog.lastBillingLoadedAt)
                    .as("billing's lane does not wait for the inventory backlog to drain")
                    .isBefore(backlog.inventoryDrainedAt);
            assertThat(backlog.maxRunningJobs.get())
                    .as("jobs running at once, the loader's memory bound")
                    .isBetween(1L, (long) LANES_TIMES_JOBS_PER_LANE);
            assertThat(backlog.maxInventoryBacklog.get())
                    .as("the backlog gauge showed the inventory runs waiting")
                    .isGreaterThan(1);
            for (InventoryReport report : reports) {
                assertThat(pipeline.count("SELECT count(*) FROM inventory.objects WHERE bucket = '%s'"
                                .formatted(report.sourceBucket())))
                        .as("rows of %s, loaded once", report.sourceBucket())
                        .isEqualTo(ROWS_PER_REPORT);
            }
            for (CurDelivery delivery : deliveries) {
                assertThat(pipeline.count("SELECT count(*) FROM billing.cur WHERE billing_period = '%s'"
                                .formatted(delivery.billingPeriod())))
                        .isEqualTo(delivery.rows());
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode view = pipelines(pipeline).get("inventory");
                assertThat(view.path("inFlight").asLong())
                        .as("the inventory pipeline's runs not ended, once the backlog is gone")
                        .isZero();
                assertThat(view.path("runsByState").path("SUCCEEDED").asLong())
                        .isGreaterThanOrEqualTo(INVENTORY_REPORTS);
            });
        }
    }

    /** What the pipeline shows while the backlog drains, sampled at every poll. */
    private static final class Backlog {

        private final LocalPipeline pipeline;
        private final MeterRegistry triggerMeters;
        private final AtomicLong maxRunningJobs = new AtomicLong();
        private final AtomicLong maxInventoryBacklog = new AtomicLong();
        private Instant inventoryDrainedAt;
        private Instant lastBillingLoadedAt;

        Backlog(LocalPipeline pipeline) {
            this.pipeline = pipeline;
            this.triggerMeters = pipeline.services().context("workflow-trigger").getBean(MeterRegistry.class);
        }

        boolean observe(List<InventoryReport> reports, List<CurDelivery> deliveries) {
            maxRunningJobs.accumulateAndGet(runningJobs(), Math::max);
            maxInventoryBacklog.accumulateAndGet(inventoryBacklog(), Math::max);
            Instant now = Instant.now();
            if (inventoryDrainedAt == null && loadedReports() == reports.size()) {
                inventoryDrainedAt = now;
            }
            if (lastBillingLoadedAt == null && loadedDeliveries() == deliveries.size()) {
                lastBillingLoadedAt = now;
            }
            return inventoryDrainedAt != null && lastBillingLoadedAt != null;
        }

        private long runningJobs() {
            JsonNode jobs = get(pipeline, "iceberg-loader", "/admin/jobs");
            long running = 0;
            for (JsonNode job : jobs) {
                running += "RUNNING".equals(job.path("state").asText()) ? 1 : 0;
            }
            return running;
        }

        private long inventoryBacklog() {
            var gauge = triggerMeters
                    .find(PipelineMeters.PIPELINE_BACKLOG)
                    .tag(PipelineMeters.PIPELINE, "inventory")
                    .gauge();
            return gauge == null ? 0 : (long) gauge.value();
        }

        private long loadedReports() {
            return pipeline.countOrZeroWithoutTable(
                    "SELECT count(DISTINCT bucket) FROM inventory.objects WHERE bucket LIKE '" + SOURCE_PREFIX + "%'");
        }

        private long loadedDeliveries() {
            return pipeline.countOrZeroWithoutTable(
                    "SELECT count(DISTINCT report) FROM billing.cur WHERE report LIKE '%" + PAYER_PREFIX + "%'");
        }
    }

    /**
     * The JVM's peak resident set ({@code VmHWM}): the whole stack runs in this one JVM, as under {@code ./tidewater up},
     * so it bounds the loader's; -1 where {@code /proc} does not tell.
     */
    private static long peakResidentMebibytes() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmHWM:"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10)
                    .findFirst()
                    .orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    private static void upload(LocalPipeline pipeline, InventoryReport report) {
        for (InventoryReport.UploadedFile file : report.dataFiles()) {
            uploadFile(pipeline, "tidewater-inventory", file);
        }
        uploadFile(pipeline, "tidewater-inventory", report.manifest());
        uploadFile(pipeline, "tidewater-inventory", report.checksum());
    }

    /** AWS's order: the data, the assembly's manifest, then the period's. */
    private static void upload(LocalPipeline pipeline, CurDelivery delivery) {
        pipeline.uploadBytes("tidewater-billing", delivery.dataKey(), delivery.data());
        pipeline.uploadBytes("tidewater-billing", delivery.assemblyManifestKey(), delivery.manifest());
        pipeline.uploadBytes("tidewater-billing", delivery.periodManifestKey(), delivery.manifest());
    }

    private static void uploadFile(LocalPipeline pipeline, String bucket, InventoryReport.UploadedFile file) {
        try {
            pipeline.uploadBytes(bucket, file.key(), Files.readAllBytes(file.path()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The trigger's pipelines by name, as {@code GET /admin/pipelines} answers. */
    private static Map<String, JsonNode> pipelines(LocalPipeline pipeline) {
        Map<String, JsonNode> byName = new HashMap<>();
        get(pipeline, "workflow-trigger", "/admin/pipelines")
                .forEach(view -> byName.put(view.path("name").asText(), view));
        return byName;
    }

    private static JsonNode get(LocalPipeline pipeline, String service, String path) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + pipeline.services().port(service) + path))
                .header("Authorization", "Bearer " + LocalPipeline.ADMIN_TOKEN)
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode())
                    .as("GET %s %s: %s", service, path, response.body())
                    .isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
