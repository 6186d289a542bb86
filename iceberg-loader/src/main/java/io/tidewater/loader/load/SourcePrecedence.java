package io.tidewater.loader.load;

import io.tidewater.contract.DerivedTable;
import io.tidewater.contract.LoadResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;

/**
 * Decides, from partition metadata alone, which source's rows of a key count in a derived table: for every key of the
 * staged files, when the partition holds files of that key from a source that ranks first, the staged files of the key
 * are left out; otherwise the partition's files of the key from sources that rank after are removed. Either way the
 * rows that do not count are reported as shadowed, so that no key is counted twice and none silently vanishes.
 */
final class SourcePrecedence implements StagedSnapshots.SwapPlan {

    /** Where the shadowed keys of a publication are recorded, as JSON. */
    static final String SHADOWED = LoadHistory.PROPERTY_PREFIX + "shadowed";

    private final Table table;
    private final DerivedTable.Precedence precedence;
    private final ReplacedRows replaced;
    private final String partitionColumn;
    private final Object partitionValue;
    private final String ownerColumn;
    private final String owner;
    private final List<LoadResult.Shadowed> shadowed = new ArrayList<>();

    SourcePrecedence(
            Table table,
            DerivedTable.Precedence precedence,
            ReplacedRows replaced,
            String partitionColumn,
            Object partitionValue,
            String ownerColumn,
            String owner) {
        this.table = table;
        this.precedence = precedence;
        this.replaced = replaced;
        this.partitionColumn = partitionColumn;
        this.partitionValue = partitionValue;
        this.ownerColumn = ownerColumn;
        this.owner = owner;
    }

    @Override
    public StagedSnapshots.Swap plan(Snapshot base, List<DataFile> staged) {
        shadowed.clear();
        List<DataFile> removed = new ArrayList<>(replaced.filesIn(base));
        Set<String> replacedLocations =
                removed.stream().map(DataFile::location).collect(Collectors.toCollection(HashSet::new));
        Map<String, List<Held>> others = new LinkedHashMap<>();
        for (DataFile file : partitionFiles(base)) {
            if (!replacedLocations.contains(file.location())) {
                Held held = held(file);
                others.computeIfAbsent(held.key(), key -> new ArrayList<>()).add(held);
            }
        }
        int rank = precedence.rank(precedence.source());
        List<DataFile> added = new ArrayList<>();
        Set<LoadResult.Shadowed> found = new LinkedHashSet<>();
        for (DataFile file : staged) {
            String key = held(file).key();
            List<Held> sameKey = others.getOrDefault(key, List.of());
            Held winner = sameKey.stream()
                    .filter(other -> precedence.rank(other.source()) < rank)
                    .min(Comparator.comparingInt(other -> precedence.rank(other.source())))
                    .orElse(null);
            if (winner != null) {
                found.add(new LoadResult.Shadowed(key, precedence.source(), owner, winner.source(), winner.owner()));
                continue;
            }
            added.add(file);
            for (Held loser : sameKey) {
                if (precedence.rank(loser.source()) > rank) {
                    if (replacedLocations.add(loser.file().location())) {
                        removed.add(loser.file());
                    }
                    found.add(new LoadResult.Shadowed(key, loser.source(), loser.owner(), precedence.source(), owner));
                }
            }
        }
        shadowed.addAll(found);
        return new StagedSnapshots.Swap(
                removed, added, shadowed.isEmpty() ? Map.of() : Map.of(SHADOWED, ShadowedKeys.write(shadowed)));
    }

    /** What the last plan found shadowed. */
    List<LoadResult.Shadowed> shadowed() {
        return List.copyOf(shadowed);
    }

    /** A file of the partition, with its key, source and owner from its partition values. */
    private record Held(DataFile file, String key, String source, String owner) {}

    private Held held(DataFile file) {
        PartitionSpec spec = table.specs().get(file.specId());
        String key = precedence.keyColumns().stream()
                .map(column -> column + "=" + partitionText(spec, file, column))
                .collect(Collectors.joining(","));
        return new Held(
                file,
                key,
                partitionText(spec, file, precedence.sourceColumn()),
                partitionText(spec, file, ownerColumn));
    }

    private String partitionText(PartitionSpec spec, DataFile file, String column) {
        Types.NestedField field = table.schema().caseInsensitiveFindField(column);
        Object value = field == null ? null : ReplacedRows.identityValue(spec, file, field);
        if (value == ReplacedRows.NOT_PARTITIONED) {
            throw new InvalidLoadJobException(
                    "Cannot rank the sources of %s: data file %s is not partitioned by %s (spec %d)"
                            .formatted(table.name(), file.location(), column, spec.specId()),
                    null);
        }
        return Objects.toString(value);
    }

    private List<DataFile> partitionFiles(Snapshot base) {
        List<DataFile> files = new ArrayList<>();
        if (base == null) {
            return files;
        }
        try (CloseableIterable<FileScanTask> tasks = table.newScan()
                .useSnapshot(base.snapshotId())
                .filter(Expressions.equal(partitionColumn, partitionValue))
                .planFiles()) {
            tasks.forEach(task -> files.add(task.file()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot plan the files of " + table.name() + ": " + e.getMessage(), e);
        }
        return files;
    }
}
