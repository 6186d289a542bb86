package io.tidewater.loader.table;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tidewater.loader.catalog.Catalogs;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Tables and namespaces in the loader's catalogs: list, create, delete, schema history, copy between catalogs. */
@RestController
@RequestMapping("/admin")
@Tag(name = "tables", description = "Iceberg tables in the loader's catalogs")
class TableController {

    private static final String CATALOG = "the catalog's Spark name; the primary catalog when absent";

    private final Catalogs catalogs;
    private final CatalogTables tables;
    private final TableCopies copies;

    TableController(Catalogs catalogs, CatalogTables tables, TableCopies copies) {
        this.catalogs = catalogs;
        this.tables = tables;
        this.copies = copies;
    }

    record NamespaceRequest(String namespace) {}

    record NamespaceResponse(String catalog, String namespace, boolean created) {}

    record TableDeleted(String catalog, String table, boolean purged) {}

    /**
     * Where to copy a table.
     *
     * @param sourceCatalog the table's catalog; the primary catalog when absent
     * @param targetCatalog the catalog to copy into
     * @param targetTable the copy's name; the table's own name when absent
     */
    record CopyRequest(String sourceCatalog, String targetCatalog, String targetTable) {}

    @Operation(
            summary = "List every table of every namespace, per catalog, with its current schema id, snapshots,"
                    + " row count and partition spec")
    @GetMapping("/tables")
    List<TableSummary> tables(
            @Parameter(description = "only this catalog") @RequestParam(required = false) String catalog) {
        List<String> names = catalog == null || catalog.isBlank() ? catalogs.names() : List.of(catalog);
        return names.stream().flatMap(name -> tables.summaries(name).stream()).toList();
    }

    @Operation(summary = "Create a namespace; 200 and created=false when it exists already")
    @PostMapping("/namespaces")
    ResponseEntity<NamespaceResponse> createNamespace(
            @Parameter(description = CATALOG) @RequestParam(required = false) String catalog,
            @RequestBody NamespaceRequest request) {
        boolean created = tables.createNamespace(catalog, request.namespace());
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new NamespaceResponse(catalogs.nameOrPrimary(catalog), request.namespace(), created));
    }

    @Operation(
            summary = "Create a table from columns (name, Iceberg type, nullable) and partition fields; 409 when it"
                    + " exists")
    @PostMapping("/tables")
    ResponseEntity<TableSummary> create(
            @Parameter(description = CATALOG) @RequestParam(required = false) String catalog,
            @RequestBody TableDefinition definition) {
        String name = catalogs.nameOrPrimary(catalog);
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(TableDescriptions.summary(
                        name,
                        CatalogTables.identifier(definition.table()).toString(),
                        tables.create(name, definition)));
    }

    @Operation(
            summary = "Delete one table: confirm must repeat its name; its files stay unless purge=true; nothing"
                    + " else is deleted")
    @DeleteMapping("/tables/{table}")
    TableDeleted delete(
            @Parameter(description = "namespace.name") @PathVariable String table,
            @Parameter(description = CATALOG) @RequestParam(required = false) String catalog,
            @Parameter(description = "the table's name again, namespace.name") @RequestParam(required = false)
                    String confirm,
            @Parameter(description = "also delete the table's data and metadata files")
                    @RequestParam(defaultValue = "false")
                    boolean purge) {
        tables.drop(catalog, table, confirm, purge);
        return new TableDeleted(catalogs.nameOrPrimary(catalog), table, purge);
    }

    @Operation(
            summary = "A table's schemas, each with the snapshot, job and source files that introduced it, and its"
                    + " snapshots")
    @GetMapping("/tables/{table}/history")
    SchemaHistory history(
            @Parameter(description = "namespace.name") @PathVariable String table,
            @Parameter(description = CATALOG) @RequestParam(required = false) String catalog) {
        String name = catalogs.nameOrPrimary(catalog);
        return TableDescriptions.history(name, table, tables.load(name, table));
    }

    @Operation(
            summary = "Copy a table (schema, partition spec, rows of its current snapshot) into another catalog;"
                    + " 200 when the target is a copy of that snapshot already, 409 when it is anything else")
    @PostMapping("/tables/{table}/copy")
    ResponseEntity<TableCopies.CopyResult> copy(
            @Parameter(description = "namespace.name") @PathVariable String table, @RequestBody CopyRequest request) {
        if (request.targetCatalog() == null || request.targetCatalog().isBlank()) {
            throw new IllegalArgumentException("Cannot copy %s: the request names no targetCatalog".formatted(table));
        }
        TableCopies.CopyResult result =
                copies.copy(request.sourceCatalog(), table, request.targetCatalog(), request.targetTable());
        return ResponseEntity.status(result.alreadyCopied() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(result);
    }
}
