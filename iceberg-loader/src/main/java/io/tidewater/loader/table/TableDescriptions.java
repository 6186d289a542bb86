package io.tidewater.loader.table;

import io.tidewater.loader.load.LoadHistory;
import io.tidewater.schema.types.TypeStrings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.SnapshotUtil;

/** What the admin API and the {@code tables} endpoint say about a table, read from its metadata alone. */
final class TableDescriptions {

    private TableDescriptions() {}

    static TableSummary summary(String catalog, String table, Table iceberg) {
        Snapshot current = iceberg.currentSnapshot();
        return new TableSummary(
                catalog,
                table,
                iceberg.schema().schemaId(),
                snapshots(iceberg).size(),
                current == null ? null : current.snapshotId(),
                current == null ? null : longOrNull(current.summary().get(SnapshotSummary.TOTAL_RECORDS_PROP)),
                partitionFields(iceberg));
    }

    /** The spec's fields in the syntax the create request and load jobs use. */
    static List<String> partitionFields(Table iceberg) {
        List<String> fields = new ArrayList<>();
        for (PartitionField field : iceberg.spec().fields()) {
            String column = iceberg.schema().findColumnName(field.sourceId());
            String transform = field.transform().toString();
            fields.add("identity".equals(transform) ? column : transform + "(" + column + ")");
        }
        return fields;
    }

    static SchemaHistory history(String catalog, String table, Table iceberg) {
        List<SnapshotEntry> snapshots = snapshots(iceberg);
        List<SchemaHistory.SchemaVersion> versions = new ArrayList<>();
        Set<Integer> previousFieldIds = new HashSet<>();
        List<Schema> schemas = iceberg.schemas().values().stream()
                .sorted(Comparator.comparingInt(Schema::schemaId))
                .toList();
        for (Schema schema : schemas) {
            List<SchemaHistory.Column> columns = new ArrayList<>();
            List<String> added = new ArrayList<>();
            for (Types.NestedField field : schema.columns()) {
                columns.add(new SchemaHistory.Column(
                        field.fieldId(), field.name(), TypeStrings.format(field.type()), field.isRequired()));
                if (!previousFieldIds.contains(field.fieldId())) {
                    added.add(field.name());
                }
            }
            previousFieldIds = new HashSet<>(schema.idToName().keySet());
            SnapshotEntry recorded = snapshots.stream()
                    .filter(SnapshotEntry::published)
                    .filter(snapshot -> Integer.valueOf(schema.schemaId()).equals(snapshot.introducedSchemaId()))
                    .findFirst()
                    .orElse(null);
            SnapshotEntry firstWriter = recorded != null
                    ? recorded
                    : snapshots.stream()
                            .filter(SnapshotEntry::published)
                            .filter(snapshot ->
                                    Integer.valueOf(schema.schemaId()).equals(snapshot.schemaId()))
                            .findFirst()
                            .orElse(null);
            versions.add(
                    new SchemaHistory.SchemaVersion(schema.schemaId(), columns, added, firstWriter, recorded != null));
        }
        return new SchemaHistory(catalog, table, iceberg.schema().schemaId(), versions, snapshots);
    }

    /** Every snapshot the table keeps, oldest first. */
    static List<SnapshotEntry> snapshots(Table iceberg) {
        Set<Long> published = new HashSet<>();
        if (iceberg.currentSnapshot() != null) {
            SnapshotUtil.currentAncestors(iceberg).forEach(snapshot -> published.add(snapshot.snapshotId()));
        }
        Map<Long, Snapshot> byId = new HashMap<>();
        iceberg.snapshots().forEach(snapshot -> byId.put(snapshot.snapshotId(), snapshot));
        return StreamSupport.stream(iceberg.snapshots().spliterator(), false)
                .sorted(Comparator.comparingLong(Snapshot::sequenceNumber).thenComparingLong(Snapshot::timestampMillis))
                .map(snapshot -> entry(snapshot, summary(snapshot, byId), published.contains(snapshot.snapshotId())))
                .toList();
    }

    /**
     * A snapshot's summary, under the summary of the staged snapshot it was cherry-picked from: publishing a staged
     * load writes a new snapshot that names its source but does not repeat the load's own properties.
     */
    private static Map<String, String> summary(Snapshot snapshot, Map<Long, Snapshot> byId) {
        Map<String, String> summary = new HashMap<>();
        String source = snapshot.summary().get(SnapshotSummary.SOURCE_SNAPSHOT_ID_PROP);
        if (source != null && byId.containsKey(Long.parseLong(source))) {
            summary.putAll(byId.get(Long.parseLong(source)).summary());
        }
        summary.putAll(snapshot.summary());
        return summary;
    }

    private static SnapshotEntry entry(Snapshot snapshot, Map<String, String> summary, boolean published) {
        String key = summary.getOrDefault(
                LoadHistory.IDEMPOTENCY_KEY,
                summary.getOrDefault(
                        SnapshotSummary.PUBLISHED_WAP_ID_PROP, summary.get(SnapshotSummary.STAGED_WAP_ID_PROP)));
        String files = summary.get(LoadHistory.SOURCE_FILES);
        String copiedTable = summary.get(TableCopies.SOURCE_TABLE);
        String introduced = summary.get(LoadHistory.INTRODUCED_SCHEMA_ID);
        String nullTokens = summary.get(LoadHistory.NULL_TOKENS);
        return new SnapshotEntry(
                snapshot.snapshotId(),
                snapshot.parentId(),
                Instant.ofEpochMilli(snapshot.timestampMillis()),
                snapshot.operation(),
                published,
                snapshot.schemaId(),
                summary.get(LoadHistory.JOB_ID),
                key,
                files == null || files.isEmpty() ? List.of() : Arrays.asList(files.split(",")),
                longOrNull(summary.get(SnapshotSummary.ADDED_RECORDS_PROP)),
                introduced == null ? null : Integer.valueOf(introduced),
                nullTokens == null || nullTokens.isEmpty() ? List.of() : Arrays.asList(nullTokens.split(",")),
                copiedTable == null ? null : copiedTable + "@" + summary.get(TableCopies.SOURCE_SNAPSHOT_ID));
    }

    private static Long longOrNull(String value) {
        return value == null ? null : Long.parseLong(value);
    }
}
