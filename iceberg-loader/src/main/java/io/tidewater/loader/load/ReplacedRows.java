package io.tidewater.loader.load;

import io.tidewater.contract.WriteMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.expressions.Literal;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;

/**
 * The rows a replacing load takes the place of: those of its partition value and, when the job names an owner, of
 * that owner only. Rows whose owner is null were written before owners were recorded and belong to the owner that
 * replaces the partition next. The owner is an identity partition field, so that every data file holds one owner's
 * rows and a replacement swaps whole files: a table partitioned before owners existed gets the field added to its
 * spec, and its older files, written without the owner column, hold ownerless rows only.
 */
final class ReplacedRows {

    private final Table table;
    private final WriteMode.Replace replace;

    ReplacedRows(Table table, WriteMode.Replace replace) {
        this.table = table;
        this.replace = replace;
    }

    /** Adds the owner column to the partition spec unless it is an identity partition field already. */
    void partitionByOwner() {
        if (replace.owner() == null) {
            return;
        }
        Types.NestedField owner = field(replace.owner().column());
        boolean partitioned = table.spec().fields().stream()
                .anyMatch(field ->
                        field.sourceId() == owner.fieldId() && field.transform().isIdentity());
        if (!partitioned) {
            table.updateSpec().addField(owner.name()).commit();
            table.refresh();
        }
    }

    /** Every row of the partition value, whatever its owner. */
    Expression partitionScope() {
        return Expressions.equal(replace.column(), partitionValue());
    }

    /** Which rows the replacement takes the place of, for conflict detection. */
    Expression scope() {
        Expression partition = Expressions.equal(replace.column(), partitionValue());
        if (replace.owner() == null) {
            return partition;
        }
        String owner = replace.owner().column();
        return Expressions.and(
                partition,
                Expressions.or(Expressions.equal(owner, replace.owner().value()), Expressions.isNull(owner)));
    }

    /**
     * The data files of {@code base} that hold the replaced rows, each of them whole.
     *
     * @throws InvalidLoadJobException when a file of the partition may hold rows of more than one partition value or
     *     owner, so that replacing whole files would lose rows
     */
    List<DataFile> filesIn(Snapshot base) {
        List<DataFile> replaced = new ArrayList<>();
        if (base == null) {
            return replaced;
        }
        Object value = partitionValue();
        Types.NestedField partitionColumn = field(replace.column());
        Types.NestedField ownerColumn =
                replace.owner() == null ? null : field(replace.owner().column());
        try (CloseableIterable<FileScanTask> tasks = table.newScan()
                .useSnapshot(base.snapshotId())
                .filter(Expressions.equal(replace.column(), value))
                .planFiles()) {
            for (FileScanTask task : tasks) {
                DataFile file = task.file();
                PartitionSpec spec = table.specs().get(file.specId());
                if (!Objects.equals(identityValue(spec, file, partitionColumn), value)) {
                    throw new InvalidLoadJobException(
                            "Cannot replace %s = %s in %s: data file %s is not partitioned by %s (spec %d), so it may"
                                    + " hold rows of other values"
                                            .formatted(
                                                    replace.column(),
                                                    replace.value(),
                                                    table.name(),
                                                    file.location(),
                                                    replace.column(),
                                                    spec.specId()),
                            null);
                }
                if (ownerColumn == null || isReplacedOwner(spec, file, ownerColumn)) {
                    replaced.add(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot plan the files of " + table.name() + ": " + e.getMessage(), e);
        }
        return replaced;
    }

    private boolean isReplacedOwner(PartitionSpec spec, DataFile file, Types.NestedField ownerColumn) {
        if (hasIdentityField(spec, ownerColumn)) {
            Object owner = identityValue(spec, file, ownerColumn);
            return owner == null || owner.toString().equals(replace.owner().value());
        }
        // A file of a spec without the owner: written before the owner column existed, unless its metrics say
        // otherwise.
        Map<Integer, Long> values = file.valueCounts();
        Map<Integer, Long> nulls = file.nullValueCounts();
        Long valueCount = values == null ? null : values.get(ownerColumn.fieldId());
        Long nullCount = nulls == null ? null : nulls.get(ownerColumn.fieldId());
        if (valueCount == null || Objects.equals(valueCount, nullCount)) {
            return true;
        }
        throw new InvalidLoadJobException(
                "Cannot replace the rows of %s = %s in %s: data file %s holds %d values of %s but is not partitioned"
                        + " by it (spec %d), so it may hold rows of other owners"
                                .formatted(
                                        replace.owner().column(),
                                        replace.owner().value(),
                                        table.name(),
                                        file.location(),
                                        valueCount - (nullCount == null ? 0 : nullCount),
                                        ownerColumn.name(),
                                        spec.specId()),
                null);
    }

    static boolean hasIdentityField(PartitionSpec spec, Types.NestedField column) {
        return spec.fields().stream()
                .anyMatch(field -> field.sourceId() == column.fieldId()
                        && field.transform().isIdentity());
    }

    /** The file's value of an identity partition field on {@code column}; a marker object when there is none. */
    static Object identityValue(PartitionSpec spec, DataFile file, Types.NestedField column) {
        List<PartitionField> fields = spec.fields();
        for (int position = 0; position < fields.size(); position++) {
            PartitionField field = fields.get(position);
            if (field.sourceId() == column.fieldId() && field.transform().isIdentity()) {
                Object value = file.partition().get(position, Object.class);
                return value instanceof CharSequence text ? text.toString() : value;
            }
        }
        return NOT_PARTITIONED;
    }

    static final Object NOT_PARTITIONED = new Object();

    /** The partition value in the table's type of the partition column. */
    Object partitionValue() {
        Types.NestedField column = field(replace.column());
        Literal<Object> literal = Literal.of(replace.value()).to(column.type());
        if (literal == null) {
            throw new InvalidLoadJobException(
                    "Cannot replace %s = %s in %s: '%s' is not a %s"
                            .formatted(replace.column(), replace.value(), table.name(), replace.value(), column.type()),
                    null);
        }
        Object value = literal.value();
        return value instanceof CharSequence text ? text.toString() : value;
    }

    private Types.NestedField field(String name) {
        Types.NestedField field = table.schema().caseInsensitiveFindField(name);
        if (field == null) {
            throw new InvalidLoadJobException(
                    "Cannot replace rows of %s by %s: the table has no such column".formatted(table.name(), name),
                    null);
        }
        return field;
    }
}
