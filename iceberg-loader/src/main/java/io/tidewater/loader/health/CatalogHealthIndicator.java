package io.tidewater.loader.health;

import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** Up when the Iceberg catalog lists its namespaces: the loader can load and commit tables. */
@Component("catalogHealthIndicator")
class CatalogHealthIndicator extends AbstractHealthIndicator {

    private final Catalog catalog;

    CatalogHealthIndicator(Catalog catalog) {
        super("Cannot reach the Iceberg catalog");
        this.catalog = catalog;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("catalog", catalog.name());
        if (catalog instanceof SupportsNamespaces namespaces) {
            builder.up().withDetail("namespaces", namespaces.listNamespaces().size());
        } else {
            // A catalog without namespaces still answers the cheapest call there is.
            catalog.tableExists(org.apache.iceberg.catalog.TableIdentifier.of("tidewater_health", "probe"));
            builder.up();
        }
    }
}
