package io.tidewater.schema.evolution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.inmemory.InMemoryCatalog;

/**
 * The schema a table has after a plan is applied to it: a real Iceberg table in iceberg-core's in-memory catalog, created
 * with {@code schema} and evolved by {@link SchemaEvolver#apply}. A schema whose field ids are already fresh (1 to n,
 * top-level fields first) keeps them.
 */
final class AppliedPlans {

    private AppliedPlans() {}

    static Schema applied(Schema schema, EvolutionPlan plan) {
        try (InMemoryCatalog catalog = new InMemoryCatalog()) {
            catalog.initialize("plans", Map.of());
            catalog.createNamespace(Namespace.of("plans"));
            var table = catalog.createTable(TableIdentifier.of("plans", "table"), schema);
            SchemaEvolver.apply(table, plan);
            return catalog.loadTable(TableIdentifier.of("plans", "table")).schema();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close the in-memory catalog: " + e.getMessage(), e);
        }
    }
}
