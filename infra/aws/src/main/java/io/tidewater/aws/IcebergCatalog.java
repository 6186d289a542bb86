package io.tidewater.aws;

import io.tidewater.aws.TidewaterStackProps.CatalogKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.glue.CfnDatabase;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3tables.CfnNamespace;
import software.amazon.awscdk.services.s3tables.CfnTableBucket;
import software.constructs.Construct;

/**
 * Where the Iceberg tables live: a Glue database per namespace with data in the warehouse bucket, or an S3 table
 * bucket with a namespace each. Exposes the Iceberg catalog properties the loader needs and the loader's permissions.
 */
final class IcebergCatalog extends Construct {

    private final Map<String, String> properties = new LinkedHashMap<>();
    private final CatalogKind kind;
    private String tableBucketName;
    private final List<PolicyStatement> loaderStatements = new ArrayList<>();

    IcebergCatalog(Construct scope, String id, CatalogKind kind, IBucket warehouse, String warehousePrefix) {
        super(scope, id);
        this.kind = kind;
        Set<String> namespaces = new LinkedHashSet<>();
        TidewaterStackProps.TABLES.forEach(table -> namespaces.add(namespaceOf(table)));
        switch (kind) {
            case GLUE -> glue(namespaces, warehouse, warehousePrefix);
            case S3_TABLES -> s3Tables(namespaces);
        }
    }

    /** Iceberg catalog properties, merged over the loader's defaults. */
    Map<String, String> properties() {
        return Map.copyOf(properties);
    }

    /**
     * How Athena names a table ({@code namespace.name}): in the account's Glue Data Catalog, or in the S3 Tables
     * catalog the table bucket's integration with AWS analytics services registers ({@code s3tablescatalog/<bucket>}).
     */
    String athenaReference(String table) {
        String inCatalog = "\"" + namespaceOf(table) + "\".\"" + nameOf(table) + "\"";
        return switch (kind) {
            case GLUE -> inCatalog;
            case S3_TABLES -> "\"s3tablescatalog/" + tableBucketName + "\"." + inCatalog;
        };
    }

    List<PolicyStatement> loaderStatements() {
        return List.copyOf(loaderStatements);
    }

    private void glue(Set<String> namespaces, IBucket warehouse, String warehousePrefix) {
        String warehouseLocation = "s3://" + warehouse.getBucketName() + "/" + warehousePrefix;
        String glue = "arn:" + Aws.PARTITION + ":glue:" + Aws.REGION + ":" + Aws.ACCOUNT_ID;
        List<String> databases = new ArrayList<>();
        for (String namespace : namespaces) {
            CfnDatabase.Builder.create(this, namespace)
                    .catalogId(Aws.ACCOUNT_ID)
                    .databaseInput(CfnDatabase.DatabaseInputProperty.builder()
                            .name(namespace)
                            .description("Tidewater " + namespace + " tables (Iceberg)")
                            .locationUri(warehouseLocation + namespace + ".db")
                            .build())
                    .build();
            databases.add(glue + ":database/" + namespace);
        }
        List<String> tables = TidewaterStackProps.TABLES.stream()
                .map(table -> glue + ":table/" + namespaceOf(table) + "/" + nameOf(table))
                .toList();
        properties.put("type", "glue");
        properties.put("warehouse", warehouseLocation);

        List<String> catalogAndDatabases = new ArrayList<>(List.of(glue + ":catalog"));
        catalogAndDatabases.addAll(databases);
        loaderStatements.add(PolicyStatement.Builder.create()
                .actions(List.of("glue:GetDatabase", "glue:GetTables"))
                .resources(catalogAndDatabases)
                .build());
        List<String> everyLevel = new ArrayList<>(catalogAndDatabases);
        everyLevel.addAll(tables);
        loaderStatements.add(PolicyStatement.Builder.create()
                .actions(List.of("glue:GetTable", "glue:CreateTable", "glue:UpdateTable"))
                .resources(everyLevel)
                .build());
        // Iceberg writes data and metadata under <warehouse><namespace>.db/<table>/ and deletes the files of failed
        // commits and expired snapshots there; nothing else in the bucket is touched.
        List<String> tableFolders = TidewaterStackProps.TABLES.stream()
                .map(table -> warehousePrefix + namespaceOf(table) + ".db/" + nameOf(table) + "/")
                .toList();
        loaderStatements.add(PolicyStatement.Builder.create()
                .actions(List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"))
                .resources(tableFolders.stream()
                        .map(folder -> warehouse.arnForObjects(folder + "*"))
                        .toList())
                .build());
        loaderStatements.add(ReportBuckets.listUnder(warehouse, warehousePrefix));
    }

    private void s3Tables(Set<String> namespaces) {
        tableBucketName = "tidewater-" + Aws.ACCOUNT_ID;
        CfnTableBucket tableBucket = CfnTableBucket.Builder.create(this, "TableBucket")
                .tableBucketName(tableBucketName)
                .build();
        for (String namespace : namespaces) {
            CfnNamespace.Builder.create(this, namespace)
                    .tableBucketArn(tableBucket.getAttrTableBucketArn())
                    .namespace(namespace)
                    .build();
        }
        String region = Aws.REGION;
        properties.put("type", "rest");
        properties.put("uri", "https://s3tables." + region + ".amazonaws.com/iceberg");
        properties.put("warehouse", tableBucket.getAttrTableBucketArn());
        properties.put("rest.sigv4-enabled", "true");
        properties.put("rest.signing-name", "s3tables");
        properties.put("rest.signing-region", region);

        loaderStatements.add(PolicyStatement.Builder.create()
                .actions(List.of(
                        "s3tables:GetTableBucket",
                        "s3tables:GetNamespace",
                        "s3tables:ListNamespaces",
                        "s3tables:ListTables",
                        "s3tables:CreateTable"))
                .resources(List.of(tableBucket.getAttrTableBucketArn()))
                .build());
        // S3 Tables names tables by id in their ARNs, so the table level is every table of this one table bucket.
        loaderStatements.add(PolicyStatement.Builder.create()
                .actions(List.of(
                        "s3tables:GetTable",
                        "s3tables:GetTableMetadataLocation",
                        "s3tables:UpdateTableMetadataLocation",
                        "s3tables:GetTableData",
                        "s3tables:PutTableData"))
                .resources(List.of(tableBucket.getAttrTableBucketArn() + "/table/*"))
                .build());
    }

    private static String namespaceOf(String table) {
        return table.substring(0, table.indexOf('.'));
    }

    private static String nameOf(String table) {
        return table.substring(table.indexOf('.') + 1);
    }
}
