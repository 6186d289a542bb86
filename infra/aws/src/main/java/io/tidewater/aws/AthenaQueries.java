package io.tidewater.aws;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.athena.CfnNamedQuery;
import software.amazon.awscdk.services.athena.CfnWorkGroup;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * Athena over the tables, as the systems Tidewater replaces ship it: a workgroup that keeps its results in a bucket of
 * its own (encrypted, expiring), and named queries that answer each table's first questions. Named queries that take
 * a month run with an execution parameter ({@code --execution-parameters "'2026-11'"}).
 */
final class AthenaQueries extends Construct {

    static final String WORKGROUP = "tidewater";

    /** How long query results are kept: they are copies of table rows, not records. */
    static final int RESULT_DAYS = 30;

    /** A question, its Athena SQL with {@code %s} for the tables it reads, and those tables. */
    record Question(String name, String description, String database, String sql, List<String> tables) {}

    static final List<Question> QUESTIONS = List.of(
            new Question(
                    "inventory-objects-by-storage-class",
                    "Objects and bytes per bucket and storage class in each bucket's latest inventory delivery",
                    "inventory",
                    """
                    WITH latest AS (
                      SELECT bucket, inventory_configuration, max(inventory_date) AS inventory_date
                      FROM %1$s GROUP BY bucket, inventory_configuration)
                    SELECT o.bucket, o.storage_class, count(*) AS objects, sum(o.size) AS bytes
                    FROM %1$s o JOIN latest l
                      ON o.bucket = l.bucket AND o.inventory_configuration = l.inventory_configuration
                     AND o.inventory_date = l.inventory_date
                    GROUP BY o.bucket, o.storage_class
                    ORDER BY bytes DESC""",
                    List.of("inventory.objects")),
            new Question(
                    "inventory-growth-since-previous-delivery",
                    "Objects and bytes per bucket and inventory delivery, and the change since the delivery before",
                    "inventory",
                    """
                    WITH deliveries AS (
                      SELECT bucket, inventory_configuration, inventory_date, count(*) AS objects, sum(size) AS bytes
                      FROM %1$s GROUP BY bucket, inventory_configuration, inventory_date)
                    SELECT bucket, inventory_configuration, inventory_date, objects, bytes,
                      objects - lag(objects) OVER (PARTITION BY bucket, inventory_configuration ORDER BY inventory_date)
                        AS objects_growth,
                      bytes - lag(bytes) OVER (PARTITION BY bucket, inventory_configuration ORDER BY inventory_date)
                        AS bytes_growth
                    FROM deliveries
                    ORDER BY inventory_date DESC, bucket""",
                    List.of("inventory.objects")),
            new Question(
                    "billing-cost-by-service-and-account",
                    "A month's billed and effective cost per account and service, across CUR, CUR 2.0 and FOCUS"
                            + " (parameter: the month, 'YYYY-MM')",
                    "billing",
                    """
                    SELECT sub_account_id, service_name, billing_currency,
                      sum(billed_cost) AS billed_cost, sum(effective_cost) AS effective_cost
                    FROM %1$s
                    WHERE date_format(charge_period_start, '%%Y-%%m') = ?
                    GROUP BY sub_account_id, service_name, billing_currency
                    ORDER BY billed_cost DESC""",
                    List.of("billing.costs")),
            quarantine("inventory", "inventory.objects_quarantine"),
            quarantine("billing", "billing.cur_quarantine"),
            quarantine("billing", "billing.cur2_quarantine"),
            quarantine("billing", "billing.focus_quarantine"));

    AthenaQueries(Construct scope, String id, IcebergCatalog catalog) {
        super(scope, id);
        Bucket results = Bucket.Builder.create(this, "Results")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .enforceSsl(true)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .expiration(Duration.days(RESULT_DAYS))
                        .abortIncompleteMultipartUploadAfter(Duration.days(1))
                        .build()))
                // Results are copies of table rows: nothing is lost with the stack.
                .removalPolicy(RemovalPolicy.DESTROY)
                .autoDeleteObjects(false)
                .build();
        CfnWorkGroup workGroup = CfnWorkGroup.Builder.create(this, "WorkGroup")
                .name(WORKGROUP)
                .description("Tidewater's tables: results kept " + RESULT_DAYS + " days, encrypted")
                .recursiveDeleteOption(true)
                .state("ENABLED")
                .workGroupConfiguration(CfnWorkGroup.WorkGroupConfigurationProperty.builder()
                        // Users cannot send results elsewhere or unencrypted from this workgroup.
                        .enforceWorkGroupConfiguration(true)
                        .publishCloudWatchMetricsEnabled(true)
                        // Iceberg tables need Athena engine version 3.
                        .engineVersion(CfnWorkGroup.EngineVersionProperty.builder()
                                .selectedEngineVersion("Athena engine version 3")
                                .build())
                        .resultConfiguration(CfnWorkGroup.ResultConfigurationProperty.builder()
                                .outputLocation("s3://" + results.getBucketName() + "/")
                                // SSE-S3, not KMS: a KMS-encrypted workgroup cannot query S3 Tables for writes, and
                                // the results bucket is encrypted at rest either way.
                                .encryptionConfiguration(CfnWorkGroup.EncryptionConfigurationProperty.builder()
                                        .encryptionOption("SSE_S3")
                                        .build())
                                .build())
                        .build())
                .build();
        for (Question question : QUESTIONS) {
            Object[] references =
                    question.tables().stream().map(catalog::athenaReference).toArray();
            CfnNamedQuery query = CfnNamedQuery.Builder.create(this, question.name())
                    .name("tidewater-" + question.name())
                    .description(question.description())
                    .database(question.database())
                    .workGroup(workGroup.getName())
                    .queryString(question.sql().formatted(references))
                    .build();
            query.getNode().addDependency(workGroup);
        }
    }

    private static Question quarantine(String database, String table) {
        String source = table.substring(0, table.length() - "_quarantine".length());
        return new Question(
                source.replace('.', '-') + "-quarantine-by-reason",
                "Rows of " + source + " that could not load, by reason, with the latest and the files they came from",
                database,
                """
                SELECT reason, count(*) AS rows, count(DISTINCT source_file) AS files, max(quarantined_at) AS latest
                FROM %1$s
                GROUP BY reason
                ORDER BY rows DESC""",
                List.of(table));
    }
}
