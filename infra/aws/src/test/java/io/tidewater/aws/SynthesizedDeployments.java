package io.tidewater.aws;

import io.tidewater.aws.TidewaterStackProps.CatalogKind;
import io.tidewater.aws.TidewaterStackProps.DatabaseSource;
import io.tidewater.aws.TidewaterStackProps.ImageSource;
import io.tidewater.aws.TidewaterStackProps.ReportLocation;
import java.time.Duration;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/**
 * The two deployments the tests look at, each synthesized once per test run: a synth starts a jsii JavaScript
 * runtime and takes seconds.
 */
final class SynthesizedDeployments {

    /** Everything new: buckets, Glue databases, an RDS instance, and S3 Inventory on one source bucket. */
    static final TidewaterStackProps GLUE_WITH_NEW_RESOURCES = new TidewaterStackProps(
            ReportLocation.created("inventory/"),
            ReportLocation.created("billing/"),
            ReportLocation.created("warehouse/"),
            List.of("example-data-bucket"),
            CatalogKind.GLUE,
            new DatabaseSource.NewInstance(),
            new ImageSource.PulledFromRegistry("tidewater/", "0.1.0"),
            Duration.ofHours(24),
            "ops@example.com");

    /** Next to what a user has: their inventory and CUR buckets, their PostgreSQL, tables in S3 Tables. */
    static final TidewaterStackProps S3_TABLES_WITH_EXISTING_RESOURCES = new TidewaterStackProps(
            new ReportLocation("acme-inventory", "reports/inventory/"),
            new ReportLocation("acme-cur", "cur/"),
            ReportLocation.created("warehouse/"),
            List.of(),
            CatalogKind.S3_TABLES,
            new DatabaseSource.Existing(
                    "jdbc:postgresql://db.acme.internal:5432/tidewater",
                    "arn:aws:secretsmanager:eu-west-1:123456789012:secret:tidewater-AbCdEf"),
            new ImageSource.PulledFromRegistry("tidewater/", "0.1.0"),
            Duration.ofHours(6),
            null);

    private static Template glue;
    private static Template s3Tables;

    private SynthesizedDeployments() {}

    static synchronized Template glueWithNewResources() {
        if (glue == null) {
            glue = synthesize(GLUE_WITH_NEW_RESOURCES);
        }
        return glue;
    }

    static synchronized Template s3TablesWithExistingResources() {
        if (s3Tables == null) {
            s3Tables = synthesize(S3_TABLES_WITH_EXISTING_RESOURCES);
        }
        return s3Tables;
    }

    private static Template synthesize(TidewaterStackProps props) {
        App app = new App();
        TidewaterStack stack =
                new TidewaterStack(app, "Tidewater", StackProps.builder().build(), props);
        return Template.fromStack(stack);
    }
}
