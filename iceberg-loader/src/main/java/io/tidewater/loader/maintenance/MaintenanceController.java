package io.tidewater.loader.maintenance;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tidewater.loader.catalog.Catalogs;
import java.util.List;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Maintenance of one table on request, and its last runs. */
@RestController
@RequestMapping("/admin/tables/{table}/maintenance")
@Tag(name = "maintenance", description = "Iceberg table maintenance: expire snapshots, compact, remove orphan files")
class MaintenanceController {

    private final Catalogs catalogs;
    private final TableMaintenance maintenance;
    private final MaintenanceHistory history;

    MaintenanceController(Catalogs catalogs, TableMaintenance maintenance, MaintenanceHistory history) {
        this.catalogs = catalogs;
        this.maintenance = maintenance;
        this.history = history;
    }

    @Operation(
            summary = "Maintain the table now by its policy; with dryRun=true, list what would be expired, rewritten"
                    + " or removed and change nothing. 409 when a load of the table is running.")
    @PostMapping
    ResponseEntity<MaintenanceRun> maintain(
            @PathVariable String table,
            @Parameter(description = "the catalog's Spark name; the primary catalog when absent")
                    @RequestParam(required = false)
                    String catalog,
            @RequestParam(defaultValue = "false") boolean dryRun) {
        // An unknown catalog or table answers 404 through the service's problem details (JobRefusals, TableRefusals).
        MaintenanceRun run = maintenance.maintain(catalog, table, dryRun);
        HttpStatus status =
                switch (run.outcome()) {
                    case BUSY -> HttpStatus.CONFLICT;
                    case FAILED -> HttpStatus.INTERNAL_SERVER_ERROR;
                    case COMPLETED, PARTIAL, SELF_MAINTAINED -> HttpStatus.OK;
                };
        return ResponseEntity.status(status).body(run);
    }

    @Operation(summary = "The table's last maintenance runs since the loader started, newest first")
    @GetMapping
    List<MaintenanceRun> runs(
            @PathVariable String table,
            @Parameter(description = "the catalog's Spark name; the primary catalog when absent")
                    @RequestParam(required = false)
                    String catalog) {
        String catalogName = catalogs.nameOrPrimary(catalog);
        TableIdentifier identifier = TableIdentifier.parse(table);
        if (!catalogs.catalog(catalogName).tableExists(identifier)) {
            throw new NoSuchTableException("Cannot find table %s in catalog %s", identifier, catalogName);
        }
        return history.runsOf(catalogName, identifier.toString());
    }
}
