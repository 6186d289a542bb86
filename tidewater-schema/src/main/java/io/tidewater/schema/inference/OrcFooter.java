package io.tidewater.schema.inference;

import io.tidewater.schema.naming.ColumnNames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.orc.OrcProto;
import org.apache.orc.StripeInformation;
import org.apache.orc.TypeDescription;
import org.apache.orc.impl.OrcTail;
import org.apache.orc.impl.ReaderImpl;

/**
 * Reads the schema of an ORC file from its tail (postscript, footer and metadata), fetched through the
 * {@link SeekableSource} and decoded in memory by ORC's own {@link ReaderImpl#extractFileTail(ByteBuffer, long, long)}.
 * No Hadoop file system is involved, so an object-store source fetches the tail only; no row data is read.
 *
 * <p>ORC has no required columns. A column is reported not nullable only when the footer statistics say that it holds
 * no nulls in a file with rows, the same "seen in the data" rule the text formats use.
 */
final class OrcFooter {
    private static final int LARGEST_TAIL = 256 << 20;

    private OrcFooter() {}

    static CrawlResult crawl(SeekableSource source) {
        FooterColumns columns = new FooterColumns("ORC", source.name());
        OrcTail tail = read(source, columns);
        OrcProto.Footer footer = tail.getFooter();
        long fileLength = tail.getFileLength();
        List<String> problems = new ArrayList<>();
        long footerRows = footer.getNumberOfRows();
        if (footerRows < 0) {
            problems.add("it claims %s rows".formatted(Long.toUnsignedString(footerRows)));
        } else if (FooterColumns.implausibleRows(footerRows, fileLength) != null) {
            problems.add(FooterColumns.implausibleRows(footerRows, fileLength));
        }
        long stripeRows = 0;
        List<StripeInformation> stripes = tail.getStripes();
        for (int index = 0; index < stripes.size(); index++) {
            StripeInformation stripe = stripes.get(index);
            long end = stripe.getOffset() + stripe.getLength();
            if (stripe.getNumberOfRows() < 0) {
                problems.add(
                        "stripe %d claims %s rows".formatted(index, Long.toUnsignedString(stripe.getNumberOfRows())));
            }
            if (stripe.getOffset() < 0 || stripe.getLength() < 0 || end > fileLength) {
                problems.add("stripe %d claims bytes %d to %d of a %d-byte file"
                        .formatted(index, stripe.getOffset(), end, fileLength));
            }
            stripeRows += stripe.getNumberOfRows();
        }
        if (footerRows >= 0 && stripeRows != footerRows && problems.isEmpty()) {
            problems.add("its stripes hold %d rows but the footer claims %d".formatted(stripeRows, footerRows));
        }
        columns.rejectIfAny(problems);

        TypeDescription schema;
        try {
            schema = tail.getSchema();
        } catch (RuntimeException e) {
            throw columns.invalid(FooterColumns.rootMessage(e), e);
        }
        if (schema.getCategory() != TypeDescription.Category.STRUCT) {
            throw columns.invalid("its root type is %s, not a struct".formatted(schema));
        }
        Nulls nulls = new Nulls(footer);
        List<TypeDescription> children = schema.getChildren();
        AtomicInteger ids = new AtomicInteger(children.size());
        for (int index = 0; index < children.size(); index++) {
            TypeDescription child = children.get(index);
            String name = schema.getFieldNames().get(index);
            try {
                columns.add(name, convert(child, nulls, ids), nulls.nullable(child));
            } catch (IllegalArgumentException e) {
                throw columns.invalid("column %s: %s".formatted(name, e.getMessage()), e);
            }
        }
        return columns.result(FileFormat.ORC, List.of());
    }

    private static OrcTail read(SeekableSource source, FooterColumns columns) {
        ByteBuffer buffer;
        long length;
        try {
            FileTail tail = FileTail.read(source, FileTail.SPECULATIVE_BYTES);
            length = tail.fileLength();
            if (length < 4) {
                throw columns.invalid("it has %d bytes, too few for an ORC file".formatted(length));
            }
            int postscriptLength = tail.last(1)[0] & 0xff;
            if (postscriptLength == 0 || postscriptLength + 1 > length) {
                throw columns.invalid("it claims a %d-byte postscript in a %d-byte file: truncated or not ORC"
                        .formatted(postscriptLength, length));
            }
            byte[] withLength = tail.last(postscriptLength + 1);
            OrcProto.PostScript postscript;
            try {
                postscript = OrcProto.PostScript.parseFrom(ByteBuffer.wrap(withLength, 0, postscriptLength));
            } catch (IOException e) {
                throw columns.invalid(
                        "its postscript cannot be parsed: %s: truncated or not ORC".formatted(e.getMessage()), e);
            }
            if (!"ORC".equals(postscript.getMagic())) {
                throw columns.invalid("its postscript does not carry the magic ORC: truncated or not ORC");
            }
            long tailLength = 1 + postscriptLength + postscript.getFooterLength() + postscript.getMetadataLength();
            if (postscript.getFooterLength() <= 0
                    || postscript.getMetadataLength() < 0
                    || tailLength > length
                    || tailLength > LARGEST_TAIL) {
                throw columns.invalid("it claims a %d-byte footer and %d bytes of metadata in a %d-byte file"
                        .formatted(postscript.getFooterLength(), postscript.getMetadataLength(), length));
            }
            buffer = ByteBuffer.wrap(tail.atLeast(source, tailLength).last((int) tailLength));
        } catch (IOException e) {
            throw SchemaCrawler.translate(source.name(), e);
        }
        try {
            return ReaderImpl.extractFileTail(buffer, length, 0);
        } catch (IOException | RuntimeException e) {
            // Everything is in memory now, so any failure is in the bytes, not in the reading.
            throw columns.invalid(FooterColumns.rootMessage(e), e);
        }
    }

    private static Type convert(TypeDescription type, Nulls nulls, AtomicInteger ids) {
        return switch (type.getCategory()) {
            case BOOLEAN -> Types.BooleanType.get();
            case BYTE, SHORT, INT -> Types.IntegerType.get();
            case LONG -> Types.LongType.get();
            case FLOAT -> Types.FloatType.get();
            case DOUBLE -> Types.DoubleType.get();
            case STRING, VARCHAR, CHAR -> Types.StringType.get();
            case BINARY -> Types.BinaryType.get();
            // ORC stores both as WKB; binary keeps the bytes readable by any engine.
            case Geometry, Geography -> Types.BinaryType.get();
            case DATE -> Types.DateType.get();
            case TIMESTAMP -> Types.TimestampType.withoutZone();
            case TIMESTAMP_INSTANT -> Types.TimestampType.withZone();
            case DECIMAL -> Types.DecimalType.of(type.getPrecision(), type.getScale());
            case STRUCT -> struct(type.getFieldNames(), type.getChildren(), nulls, ids);
            case LIST -> {
                TypeDescription element = type.getChildren().get(0);
                int elementId = ids.incrementAndGet();
                Type elementType = convert(element, nulls, ids);
                yield nulls.nullable(element)
                        ? Types.ListType.ofOptional(elementId, elementType)
                        : Types.ListType.ofRequired(elementId, elementType);
            }
            case MAP -> {
                TypeDescription value = type.getChildren().get(1);
                int keyId = ids.incrementAndGet();
                int valueId = ids.incrementAndGet();
                Type keyType = convert(type.getChildren().get(0), nulls, ids);
                Type valueType = convert(value, nulls, ids);
                yield nulls.nullable(value)
                        ? Types.MapType.ofOptional(keyId, valueId, keyType, valueType)
                        : Types.MapType.ofRequired(keyId, valueId, keyType, valueType);
            }
            case UNION -> {
                // Iceberg has no union; Iceberg's own ORC reader shows one as a struct of a tag and one field per arm.
                List<String> names = new ArrayList<>();
                List<TypeDescription> arms = new ArrayList<>();
                names.add("tag");
                arms.add(TypeDescription.createInt());
                for (int index = 0; index < type.getChildren().size(); index++) {
                    names.add("field" + index);
                    arms.add(type.getChildren().get(index));
                }
                yield struct(names, arms, Nulls.NONE_KNOWN, ids);
            }
        };
    }

    private static Type struct(
            List<String> sourceNames, List<TypeDescription> children, Nulls nulls, AtomicInteger ids) {
        List<String> names = ColumnNames.normalise(sourceNames).names();
        List<Types.NestedField> fields = new ArrayList<>(children.size());
        for (int index = 0; index < children.size(); index++) {
            TypeDescription child = children.get(index);
            int id = ids.incrementAndGet();
            Type type = convert(child, nulls, ids);
            fields.add(
                    nulls.nullable(child)
                            ? Types.NestedField.optional(id, names.get(index), type)
                            : Types.NestedField.required(id, names.get(index), type));
        }
        return Types.StructType.of(fields);
    }

    /** Whether the footer statistics prove a column free of nulls. */
    private record Nulls(OrcProto.Footer footer) {
        static final Nulls NONE_KNOWN = new Nulls(null);

        boolean nullable(TypeDescription column) {
            if (footer == null || footer.getNumberOfRows() <= 0 || column.getId() >= footer.getStatisticsCount()) {
                return true;
            }
            OrcProto.ColumnStatistics statistics = footer.getStatistics(column.getId());
            return !statistics.hasHasNull() || statistics.getHasNull();
        }
    }
}
