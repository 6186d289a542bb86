package io.tidewater.loader.table;

import io.tidewater.loader.catalog.Catalogs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

/** Lists, creates and drops tables and namespaces through Iceberg's catalog API, in any configured catalog. */
@Component
class CatalogTables {

    private final Catalogs catalogs;

    CatalogTables(Catalogs catalogs) {
        this.catalogs = catalogs;
    }

    /** One catalog's tables in every namespace, nested ones included, by name. */
    List<TableIdentifier> tables(String catalogName) {
        Catalog catalog = catalogs.catalog(catalogName);
        List<TableIdentifier> tables = new ArrayList<>();
        if (catalog instanceof SupportsNamespaces namespaces) {
            collect(catalog, namespaces, Namespace.empty(), tables);
        }
        tables.sort(Comparator.comparing(TableIdentifier::toString));
        return tables;
    }

    private static void collect(
            Catalog catalog, SupportsNamespaces namespaces, Namespace parent, List<TableIdentifier> tables) {
        for (Namespace namespace : namespaces.listNamespaces(parent)) {
            tables.addAll(catalog.listTables(namespace));
            collect(catalog, namespaces, namespace, tables);
        }
    }

    List<TableSummary> summaries(String catalogName) {
        String name = catalogs.nameOrPrimary(catalogName);
        return tables(name).stream()
                .map(identifier ->
                        TableDescriptions.summary(name, identifier.toString(), load(name, identifier.toString())))
                .toList();
    }

    Table load(String catalogName, String table) {
        return catalogs.catalog(catalogName).loadTable(identifier(table));
    }

    /** @return whether the namespace was created; false when it existed */
    boolean createNamespace(String catalogName, String namespace) {
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("Cannot create a namespace: the request names none");
        }
        if (!(catalogs.catalog(catalogName) instanceof SupportsNamespaces namespaces)) {
            throw new IllegalArgumentException("Cannot create namespace %s: catalog %s has no namespaces"
                    .formatted(namespace, catalogs.nameOrPrimary(catalogName)));
        }
        Namespace wanted = Namespace.of(namespace.strip().split("\\."));
        if (namespaces.namespaceExists(wanted)) {
            return false;
        }
        try {
            namespaces.createNamespace(wanted);
            return true;
        } catch (AlreadyExistsException createdMeanwhile) {
            return false;
        }
    }

    /**
     * Creates the table, and its namespace when missing, as a table loads can go into: write-audit-publish on, format
     * version 2, unless the definition says otherwise.
     *
     * @throws AlreadyExistsException when the table exists
     */
    Table create(String catalogName, TableDefinition definition) {
        Schema schema = definition.schema();
        PartitionSpec spec = definition.partitionSpec(schema);
        TableIdentifier identifier = identifier(definition.table());
        createNamespace(catalogName, identifier.namespace().toString());
        return catalogs.catalog(catalogName)
                .buildTable(identifier, schema)
                .withPartitionSpec(spec)
                .withProperty(TableProperties.WRITE_AUDIT_PUBLISH_ENABLED, "true")
                .withProperty(TableProperties.FORMAT_VERSION, "2")
                .withProperties(definition.properties())
                .create();
    }

    /**
     * Drops exactly the named table, and only when the confirmation repeats its name.
     *
     * @param purge also delete its data and metadata files
     * @throws IllegalArgumentException when the confirmation is missing or names another table
     * @throws NoSuchTableException when the table does not exist
     */
    void drop(String catalogName, String table, String confirmation, boolean purge) {
        TableIdentifier identifier = identifier(table);
        if (confirmation == null || !confirmation.strip().equals(identifier.toString())) {
            throw new IllegalArgumentException(
                    "Cannot delete table %s from catalog %s: confirm=%s must repeat the table's name, and %s"
                            .formatted(
                                    identifier,
                                    catalogs.nameOrPrimary(catalogName),
                                    identifier,
                                    confirmation == null ? "it is missing" : "it is '" + confirmation + "'"));
        }
        Catalog catalog = catalogs.catalog(catalogName);
        if (!catalog.dropTable(identifier, purge)) {
            throw new NoSuchTableException(
                    "Cannot delete table %s from catalog %s: it does not exist",
                    identifier, catalogs.nameOrPrimary(catalogName));
        }
    }

    static TableIdentifier identifier(String table) {
        if (table == null || table.isBlank() || !table.contains(".")) {
            throw new IllegalArgumentException("Cannot read table name '%s': expected namespace.name".formatted(table));
        }
        return TableIdentifier.parse(table.strip());
    }
}
