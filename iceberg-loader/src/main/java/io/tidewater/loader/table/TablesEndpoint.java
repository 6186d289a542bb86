package io.tidewater.loader.table;

import io.tidewater.loader.catalog.Catalogs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.TableIdentifier;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

/** {@code /actuator/tables}: every catalog's tables with a summary of their schema history, read-only. */
@Component
@Endpoint(id = "tables")
class TablesEndpoint {

    private final Catalogs catalogs;
    private final CatalogTables tables;

    TablesEndpoint(Catalogs catalogs, CatalogTables tables) {
        this.catalogs = catalogs;
        this.tables = tables;
    }

    /** A table and, for each schema id, the columns it added and the load that introduced it. */
    record TableOverview(TableSummary table, List<SchemaChangeSummary> schemas) {}

    record SchemaChangeSummary(
            int schemaId, List<String> addedColumns, Long snapshotId, String jobId, List<String> sourceFiles) {}

    @ReadOperation
    Map<String, List<TableOverview>> tables() {
        Map<String, List<TableOverview>> byCatalog = new LinkedHashMap<>();
        for (String catalog : catalogs.names()) {
            byCatalog.put(
                    catalog,
                    tables.tables(catalog).stream()
                            .map(identifier -> overview(catalog, identifier))
                            .toList());
        }
        return byCatalog;
    }

    private TableOverview overview(String catalog, TableIdentifier identifier) {
        var table = tables.load(catalog, identifier.toString());
        SchemaHistory history = TableDescriptions.history(catalog, identifier.toString(), table);
        List<SchemaChangeSummary> schemas = history.schemas().stream()
                .map(version -> new SchemaChangeSummary(
                        version.schemaId(),
                        version.addedColumns(),
                        version.introducedBy() == null
                                ? null
                                : version.introducedBy().snapshotId(),
                        version.introducedBy() == null
                                ? null
                                : version.introducedBy().jobId(),
                        version.introducedBy() == null
                                ? List.of()
                                : version.introducedBy().sourceFiles()))
                .toList();
        return new TableOverview(TableDescriptions.summary(catalog, identifier.toString(), table), schemas);
    }
}
