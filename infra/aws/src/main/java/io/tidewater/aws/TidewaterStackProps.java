package io.tidewater.aws;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * What one deployment of Tidewater looks like: which buckets it creates or reuses, where the tables live, where the
 * state lives and where the images come from.
 *
 * @param inventory the S3 Inventory destination: a new bucket, or an existing one whose inventories already land there
 * @param billing the Cost and Usage Reports / Data Exports bucket, new or existing
 * @param warehouse the Iceberg data and metadata bucket, new or existing
 * @param inventorySources buckets that get a daily S3 Inventory configuration delivering into {@code inventory}
 * @param catalog the Iceberg catalog: Glue databases or an S3 table bucket
 * @param database PostgreSQL for the services' state: a new RDS instance or an existing database
 * @param images where the four service images come from
 * @param freshness the longest time without a completed load before the freshness alarm fires (at most one day)
 * @param alarmEmail an address subscribed to the alarm topic, or {@code null}
 */
public record TidewaterStackProps(
        ReportLocation inventory,
        ReportLocation billing,
        ReportLocation warehouse,
        List<String> inventorySources,
        CatalogKind catalog,
        DatabaseSource database,
        ImageSource images,
        Duration freshness,
        String alarmEmail) {

    /** Tables the loader may create and write; the IAM policies name each one. */
    public static final List<String> TABLES = List.of(
            "inventory.objects",
            "inventory.objects_quarantine",
            "billing.cur",
            "billing.cur_quarantine",
            "billing.cur2",
            "billing.cur2_quarantine",
            "billing.focus",
            "billing.focus_quarantine",
            "billing.costs");

    public TidewaterStackProps {
        requireNonNull(inventory, "inventory is null");
        requireNonNull(billing, "billing is null");
        requireNonNull(warehouse, "warehouse is null");
        inventorySources = List.copyOf(requireNonNull(inventorySources, "inventorySources is null"));
        requireNonNull(catalog, "catalog is null");
        requireNonNull(database, "database is null");
        requireNonNull(images, "images is null");
        requireNonNull(freshness, "freshness is null");
        // CloudWatch evaluates an alarm over at most one day.
        if (freshness.isNegative() || freshness.isZero() || freshness.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException(
                    "Cannot use freshness " + freshness + ": it must be more than zero and at most one day");
        }
        if (inventory.existingBucket() != null && !inventorySources.isEmpty()) {
            throw new IllegalArgumentException("Cannot configure S3 Inventory on " + inventorySources
                    + ": the existing inventory bucket " + inventory.existingBucket()
                    + " needs its own bucket policy for S3 Inventory; configure it there (see README)");
        }
    }

    /**
     * A bucket and the key prefix Tidewater reads or writes under.
     *
     * @param existingBucket the name of a bucket that exists already, or {@code null} to create one
     * @param prefix the key prefix, such as {@code inventory/}; never empty, so that policies can name it
     */
    public record ReportLocation(String existingBucket, String prefix) {
        public ReportLocation {
            requireNonNull(prefix, "prefix is null");
            if (prefix.isBlank() || prefix.startsWith("/") || !prefix.endsWith("/") || prefix.contains("*")) {
                throw new IllegalArgumentException("Cannot use key prefix '" + prefix
                        + "': it must be a non-empty folder such as 'inventory/', without wildcards");
            }
            existingBucket = existingBucket == null || existingBucket.isBlank() ? null : existingBucket;
        }

        public static ReportLocation created(String prefix) {
            return new ReportLocation(null, prefix);
        }
    }

    /** The Iceberg catalog the loader writes to. */
    public enum CatalogKind {
        /** AWS Glue Data Catalog: one Glue database per namespace, data in the warehouse bucket. */
        GLUE,
        /** Amazon S3 Tables through its Iceberg REST endpoint: a table bucket managed by S3. */
        S3_TABLES
    }

    /** Where the services keep their state. */
    public sealed interface DatabaseSource {
        /** A PostgreSQL RDS instance in the stack's VPC, with a generated secret. */
        record NewInstance() implements DatabaseSource {}

        /**
         * A PostgreSQL the user runs already.
         *
         * @param jdbcUrl {@code jdbc:postgresql://host:5432/database}
         * @param secretArn a Secrets Manager secret with {@code username} and {@code password}
         */
        record Existing(String jdbcUrl, String secretArn) implements DatabaseSource {
            public Existing {
                requireNonNull(jdbcUrl, "jdbcUrl is null");
                requireNonNull(secretArn, "secretArn is null");
                if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
                    throw new IllegalArgumentException(
                            "Cannot use database " + jdbcUrl + ": give a jdbc:postgresql:// URL");
                }
            }
        }
    }

    /** Where the four service images come from. */
    public sealed interface ImageSource {
        /**
         * Built by {@code cdk deploy} from the repository's one {@code Dockerfile} (build argument {@code MODULE}) after
         * {@code ./mvnw package}.
         *
         * @param repositoryRoot the Tidewater checkout
         */
        record BuiltFromRepository(String repositoryRoot) implements ImageSource {
            public BuiltFromRepository {
                requireNonNull(repositoryRoot, "repositoryRoot is null");
            }
        }

        /**
         * Pulled from a registry as {@code <repositoryPrefix><module>:<tag>}, for images a CI pushed.
         *
         * @param repositoryPrefix such as {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com/tidewater/}
         * @param tag the image tag
         */
        record PulledFromRegistry(String repositoryPrefix, String tag) implements ImageSource {
            public PulledFromRegistry {
                requireNonNull(repositoryPrefix, "repositoryPrefix is null");
                requireNonNull(tag, "tag is null");
            }
        }
    }

    /**
     * Reads the deployment from CDK context ({@code cdk deploy -c key=value}); every key is optional.
     *
     * @param context a context lookup that answers {@code null} for keys that are not set
     */
    public static TidewaterStackProps fromContext(Function<String, Object> context, String repositoryRoot) {
        List<String> problems = new ArrayList<>();
        String catalogName = text(context, "catalog", "glue");
        CatalogKind catalog =
                switch (catalogName) {
                    case "glue" -> CatalogKind.GLUE;
                    case "s3tables" -> CatalogKind.S3_TABLES;
                    default -> {
                        problems.add("catalog must be glue or s3tables, not " + catalogName);
                        yield CatalogKind.GLUE;
                    }
                };
        String jdbcUrl = text(context, "databaseJdbcUrl", null);
        String secretArn = text(context, "databaseSecretArn", null);
        if ((jdbcUrl == null) != (secretArn == null)) {
            problems.add("databaseJdbcUrl and databaseSecretArn go together");
        }
        String imageTag = text(context, "imageTag", null);
        String imageRepository = text(context, "imageRepositoryPrefix", null);
        Duration freshness = Duration.ofHours(24);
        try {
            freshness = Duration.ofHours(Long.parseLong(text(context, "freshnessHours", "24")));
        } catch (NumberFormatException e) {
            problems.add("freshnessHours must be a whole number of hours: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Cannot read the deployment's context: " + String.join("; ", problems));
        }
        return new TidewaterStackProps(
                new ReportLocation(
                        text(context, "inventoryBucket", null), text(context, "inventoryPrefix", "inventory/")),
                new ReportLocation(text(context, "billingBucket", null), text(context, "billingPrefix", "billing/")),
                new ReportLocation(
                        text(context, "warehouseBucket", null), text(context, "warehousePrefix", "warehouse/")),
                list(text(context, "inventorySourceBuckets", "")),
                catalog,
                jdbcUrl == null ? new DatabaseSource.NewInstance() : new DatabaseSource.Existing(jdbcUrl, secretArn),
                imageRepository == null
                        ? new ImageSource.BuiltFromRepository(repositoryRoot)
                        : new ImageSource.PulledFromRegistry(imageRepository, imageTag == null ? "latest" : imageTag),
                freshness,
                text(context, "alarmEmail", null));
    }

    private static String text(Function<String, Object> context, String key, String fallback) {
        Object value = context.apply(key);
        return value == null || value.toString().isBlank()
                ? fallback
                : value.toString().trim();
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .toList();
    }
}
