package io.tidewater.loader.load;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.springframework.stereotype.Component;

/** Finds or creates the tables loads go into; never drops one. */
@Component
class IcebergTables {

    /** Staged writes are what make loads exactly-once: see {@link LoadHistory}. */
    static final Map<String, String> REQUIRED_PROPERTIES =
            Map.of(TableProperties.WRITE_AUDIT_PUBLISH_ENABLED, "true", TableProperties.FORMAT_VERSION, "2");

    private final Catalog catalog;

    IcebergTables(Catalog catalog) {
        this.catalog = catalog;
    }

    Table loadOrCreate(TableIdentifier identifier, Schema schema, PartitionSpec spec) {
        try {
            Table table = catalog.loadTable(identifier);
            if (!"true".equals(table.properties().get(TableProperties.WRITE_AUDIT_PUBLISH_ENABLED))) {
                table.updateProperties()
                        .set(TableProperties.WRITE_AUDIT_PUBLISH_ENABLED, "true")
                        .commit();
            }
            return table;
        } catch (NoSuchTableException missing) {
            createNamespaceIfMissing(identifier.namespace());
            try {
                return catalog.buildTable(identifier, schema)
                        .withPartitionSpec(spec)
                        .withProperties(REQUIRED_PROPERTIES)
                        .create();
            } catch (AlreadyExistsException createdMeanwhile) {
                return catalog.loadTable(identifier);
            }
        }
    }

    private void createNamespaceIfMissing(Namespace namespace) {
        if (catalog instanceof SupportsNamespaces namespaces && !namespaces.namespaceExists(namespace)) {
            try {
                namespaces.createNamespace(namespace);
            } catch (AlreadyExistsException createdMeanwhile) {
                // another loader created it first: that is what we wanted
            } catch (RuntimeException failed) {
                // The JDBC catalog reports a namespace created meanwhile as a failed INSERT (a unique key), not as
                // AlreadyExistsException: two deliveries of a table's first job race here.
                if (!namespaces.namespaceExists(namespace)) {
                    throw failed;
                }
            }
        }
    }
}
