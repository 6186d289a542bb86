package io.tidewater.schema.inference;

import io.tidewater.schema.naming.ColumnNames;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.LogicalTypeAnnotationVisitor;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type.Repetition;

/**
 * Reads the schema of a Parquet file from its footer: the last 8 bytes give the footer length, one more read (usually
 * served by the first) gives the Thrift footer, which is parsed in memory. No row data is read.
 */
final class ParquetFooter {
    private static final int MAGIC_AND_LENGTH = 8;
    private static final int SMALLEST_FILE = 12;
    private static final int LARGEST_FOOTER = 256 << 20;

    private ParquetFooter() {}

    static CrawlResult crawl(SeekableSource source) {
        FooterColumns columns = new FooterColumns("Parquet", source.name());
        ParquetMetadata metadata = read(source, columns);
        List<String> problems = new ArrayList<>();
        long rows = 0;
        List<BlockMetaData> blocks = metadata.getBlocks();
        long fileLength = fileLength(source);
        for (int index = 0; index < blocks.size(); index++) {
            BlockMetaData block = blocks.get(index);
            if (block.getRowCount() < 0) {
                problems.add("row group %d claims %d rows".formatted(index, block.getRowCount()));
                continue;
            }
            for (ColumnChunkMetaData chunk : block.getColumns()) {
                long end = chunk.getStartingPos() + chunk.getTotalSize();
                if (chunk.getStartingPos() < 0 || chunk.getTotalSize() < 0 || end > fileLength) {
                    problems.add("row group %d column %s claims bytes %d to %d of a %d-byte file"
                            .formatted(index, chunk.getPath(), chunk.getStartingPos(), end, fileLength));
                }
            }
            rows += block.getRowCount();
            if (rows < 0) {
                problems.add("its row groups claim more than %d rows".formatted(Long.MAX_VALUE));
                break;
            }
        }
        if (rows >= 0 && FooterColumns.implausibleRows(rows, fileLength) != null) {
            problems.add(FooterColumns.implausibleRows(rows, fileLength));
        }
        columns.rejectIfAny(problems);

        MessageType schema = metadata.getFileMetaData().getSchema();
        AtomicInteger ids = new AtomicInteger(schema.getFieldCount());
        for (org.apache.parquet.schema.Type field : schema.getFields()) {
            try {
                columns.add(field.getName(), convert(field, ids), field.isRepetition(Repetition.OPTIONAL));
            } catch (IllegalArgumentException e) {
                throw columns.invalid("column %s: %s".formatted(field.getName(), e.getMessage()), e);
            }
        }
        return columns.result(FileFormat.PARQUET, List.of());
    }

    private static ParquetMetadata read(SeekableSource source, FooterColumns columns) {
        byte[] footer;
        try {
            FileTail tail = FileTail.read(source, FileTail.SPECULATIVE_BYTES);
            long length = tail.fileLength();
            if (length < SMALLEST_FILE) {
                throw columns.invalid(
                        "it has %d bytes, fewer than the %d of an empty Parquet file".formatted(length, SMALLEST_FILE));
            }
            ByteBuffer end = ByteBuffer.wrap(tail.last(MAGIC_AND_LENGTH)).order(ByteOrder.LITTLE_ENDIAN);
            int footerLength = end.getInt();
            String magic = new String(tail.last(4), StandardCharsets.ISO_8859_1);
            if (magic.equals("PARE")) {
                throw columns.invalid("its footer is encrypted (magic PARE), which the crawler cannot read");
            }
            if (!magic.equals("PAR1")) {
                throw columns.invalid("it ends with %s, not the magic PAR1: truncated or not Parquet"
                        .formatted(printable(tail.last(4))));
            }
            if (footerLength <= 0 || footerLength > length - SMALLEST_FILE || footerLength > LARGEST_FOOTER) {
                throw columns.invalid("it claims a %d-byte footer in a %d-byte file".formatted(footerLength, length));
            }
            tail = tail.atLeast(source, (long) footerLength + MAGIC_AND_LENGTH);
            byte[] withEnd = tail.last(footerLength + MAGIC_AND_LENGTH);
            footer = new byte[footerLength];
            System.arraycopy(withEnd, 0, footer, 0, footerLength);
        } catch (IOException e) {
            throw SchemaCrawler.translate(source.name(), e);
        }
        try {
            return new ParquetMetadataConverter()
                    .readParquetMetadata(new ByteArrayInputStream(footer), ParquetMetadataConverter.NO_FILTER);
        } catch (IOException | RuntimeException e) {
            // Everything is in memory now, so any failure is in the bytes, not in the reading.
            throw columns.invalid(FooterColumns.rootMessage(e), e);
        }
    }

    private static long fileLength(SeekableSource source) {
        try {
            return source.length();
        } catch (IOException e) {
            throw SchemaCrawler.translate(source.name(), e);
        }
    }

    private static String printable(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte value : bytes) {
            text.append(value >= 0x20 && value < 0x7f ? String.valueOf((char) value) : "\\x%02x".formatted(value));
        }
        return "'" + text + "'";
    }

    static Type convert(org.apache.parquet.schema.Type field, AtomicInteger ids) {
        Type type = field.isPrimitive() ? primitive(field.asPrimitiveType()) : group(field.asGroupType(), ids);
        // A repeated field outside a LIST group is the legacy spelling of a list of required elements.
        return field.isRepetition(Repetition.REPEATED) ? Types.ListType.ofRequired(ids.incrementAndGet(), type) : type;
    }

    private static Type primitive(PrimitiveType primitive) {
        LogicalTypeAnnotation annotation = primitive.getLogicalTypeAnnotation();
        if (annotation != null) {
            Optional<Type> logical = annotation.accept(new LogicalTypes());
            if (logical.isPresent()) {
                return logical.get();
            }
        }
        return switch (primitive.getPrimitiveTypeName()) {
            case BOOLEAN -> Types.BooleanType.get();
            case INT32 -> Types.IntegerType.get();
            case INT64 -> Types.LongType.get();
            // Impala, Hive and old Spark wrote instants as INT96; Spark reads them as UTC.
            case INT96 -> Types.TimestampType.withZone();
            case FLOAT -> Types.FloatType.get();
            case DOUBLE -> Types.DoubleType.get();
            case BINARY -> Types.BinaryType.get();
            case FIXED_LEN_BYTE_ARRAY -> Types.FixedType.ofLength(primitive.getTypeLength());
        };
    }

    private static Type group(GroupType group, AtomicInteger ids) {
        LogicalTypeAnnotation annotation = group.getLogicalTypeAnnotation();
        GroupKind kind = annotation == null
                ? GroupKind.STRUCT
                : annotation.accept(new GroupKinds()).orElse(GroupKind.STRUCT);
        return switch (kind) {
            case LIST -> list(group, ids);
            case MAP -> map(group, ids);
            case STRUCT -> struct(group, ids);
        };
    }

    private static Type struct(GroupType group, AtomicInteger ids) {
        List<String> sourceNames = new ArrayList<>(group.getFieldCount());
        group.getFields().forEach(field -> sourceNames.add(field.getName()));
        List<String> names = ColumnNames.normalise(sourceNames).names();
        List<Types.NestedField> fields = new ArrayList<>(group.getFieldCount());
        for (int index = 0; index < group.getFieldCount(); index++) {
            org.apache.parquet.schema.Type field = group.getType(index);
            int id = ids.incrementAndGet();
            Type type = convert(field, ids);
            fields.add(
                    field.isRepetition(Repetition.REQUIRED) || field.isRepetition(Repetition.REPEATED)
                            ? Types.NestedField.required(id, names.get(index), type)
                            : Types.NestedField.optional(id, names.get(index), type));
        }
        return Types.StructType.of(fields);
    }

    /** Follows the backward-compatibility rules of the Parquet LIST specification for two- and three-level lists. */
    private static Type list(GroupType list, AtomicInteger ids) {
        if (list.getFieldCount() != 1 || !list.getType(0).isRepetition(Repetition.REPEATED)) {
            throw new IllegalArgumentException(
                    "LIST group %s must hold exactly one repeated field: %s".formatted(list.getName(), list));
        }
        org.apache.parquet.schema.Type repeated = list.getType(0);
        int elementId = ids.incrementAndGet();
        boolean twoLevel = repeated.isPrimitive()
                || repeated.asGroupType().getFieldCount() > 1
                || repeated.getName().equals("array")
                || repeated.getName().equals(list.getName() + "_tuple");
        if (twoLevel) {
            Type element =
                    repeated.isPrimitive() ? primitive(repeated.asPrimitiveType()) : group(repeated.asGroupType(), ids);
            return Types.ListType.ofRequired(elementId, element);
        }
        org.apache.parquet.schema.Type element = repeated.asGroupType().getType(0);
        Type elementType = convert(element, ids);
        return element.isRepetition(Repetition.REQUIRED)
                ? Types.ListType.ofRequired(elementId, elementType)
                : Types.ListType.ofOptional(elementId, elementType);
    }

    private static Type map(GroupType map, AtomicInteger ids) {
        if (map.getFieldCount() != 1
                || map.getType(0).isPrimitive()
                || map.getType(0).asGroupType().getFieldCount() != 2) {
            throw new IllegalArgumentException(
                    "MAP group %s must hold one repeated group of a key and a value: %s".formatted(map.getName(), map));
        }
        GroupType keyValue = map.getType(0).asGroupType();
        int keyId = ids.incrementAndGet();
        int valueId = ids.incrementAndGet();
        Type key = convert(keyValue.getType(0), ids);
        org.apache.parquet.schema.Type value = keyValue.getType(1);
        Type valueType = convert(value, ids);
        return value.isRepetition(Repetition.REQUIRED)
                ? Types.MapType.ofRequired(keyId, valueId, key, valueType)
                : Types.MapType.ofOptional(keyId, valueId, key, valueType);
    }

    private enum GroupKind {
        STRUCT,
        LIST,
        MAP
    }

    private static final class GroupKinds implements LogicalTypeAnnotationVisitor<GroupKind> {
        @Override
        public Optional<GroupKind> visit(LogicalTypeAnnotation.ListLogicalTypeAnnotation list) {
            return Optional.of(GroupKind.LIST);
        }

        @Override
        public Optional<GroupKind> visit(LogicalTypeAnnotation.MapLogicalTypeAnnotation map) {
            return Optional.of(GroupKind.MAP);
        }

        @Override
        public Optional<GroupKind> visit(LogicalTypeAnnotation.MapKeyValueTypeAnnotation map) {
            return Optional.of(GroupKind.MAP);
        }
    }

    /** Iceberg types for annotated primitives; empty means "use the physical type". */
    private static final class LogicalTypes implements LogicalTypeAnnotationVisitor<Type> {
        @Override
        public Optional<Type> visit(LogicalTypeAnnotation.StringLogicalTypeAnnotation string) {
            return Optional.of(Types.StringType.get());
        }

        @Override
        public Optional<Type> visit(LogicalTypeAnnotation.EnumLogicalTypeAnnotation enumType) {
            return Optional.of(Types.StringType.get());
        }

        @Override
        public Optional<Type> visit(LogicalTypeAnnotation.JsonLogicalTypeAnnotation json) {
            return Optional.of(Types.StringType.get());
        }

        @Override
        public Optional<Type> visit(LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
            return Optional.of(Types.DecimalType.of(decimal.getPrecision(), decimal.getScale()));
        }

        @Override
        public Optional<Type> visit(LogicalTypeAnnotation.DateLogicalTypeAnnotation date) {
            return Optional.of(Types.DateType.get());
        }

        @Override
        public Optional<Type> visit(LogicalTypeAnnotation.TimeLogicalTypeAnnotation time) {
            return Optional.of(Types.TimeType.get());
        }

        @Override
        public Optional<Type> visit(LogicalTypeAnnotation.TimestampLogicalTypeAnnotation timestamp) {
            if (timestamp.getUnit() == LogicalTypeAnnotation.TimeUnit.NANOS) {
                return Optional.of(
                        timestamp.isAdjustedToUTC()
                                ? Types.TimestampNanoType.withZone()
                                : Types.TimestampNanoType.withoutZone());
            }
            return Optional.of(
                    timestamp.isAdjustedToUTC() ? Types.TimestampType.withZone() : Types.TimestampType.withoutZone());
        }

        @Override
        public Optional<Type> visit(LogicalTypeAnnotation.IntLogicalTypeAnnotation integer) {
            if (integer.getBitWidth() == 64) {
                // Iceberg has no unsigned long; decimal(20, 0) holds every value.
                return Optional.of(integer.isSigned() ? Types.LongType.get() : Types.DecimalType.of(20, 0));
            }
            return Optional.of(
                    integer.getBitWidth() == 32 && !integer.isSigned()
                            ? Types.LongType.get()
                            : Types.IntegerType.get());
        }

        @Override
        public Optional<Type> visit(LogicalTypeAnnotation.UUIDLogicalTypeAnnotation uuid) {
            return Optional.of(Types.UUIDType.get());
        }

        @Override
        public Optional<Type> visit(LogicalTypeAnnotation.Float16LogicalTypeAnnotation float16) {
            return Optional.of(Types.FloatType.get());
        }

        @Override
        public Optional<Type> visit(LogicalTypeAnnotation.BsonLogicalTypeAnnotation bson) {
            return Optional.of(Types.BinaryType.get());
        }
    }
}
