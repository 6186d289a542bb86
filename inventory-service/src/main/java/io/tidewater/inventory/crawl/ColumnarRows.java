package io.tidewater.inventory.crawl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;
import org.apache.orc.RecordReader;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;

/** Every row of a local ORC or Parquet inventory file into an {@link InsightCounter}; the file is deleted after. */
final class ColumnarRows {

    private ColumnarRows() {}

    static long orc(Path file, InsightCounter counter) throws IOException {
        try (Reader reader = OrcFile.createReader(
                        new org.apache.hadoop.fs.Path(file.toUri()), OrcFile.readerOptions(new Configuration()));
                RecordReader rows = reader.rows()) {
            List<String> names = reader.getSchema().getFieldNames();
            VectorizedRowBatch batch = reader.getSchema().createRowBatch();
            long count = 0;
            while (rows.nextBatch(batch)) {
                IntFunction<Boolean> latest = orcBoolean(batch, names.indexOf(InsightCounter.IS_LATEST));
                IntFunction<Boolean> deleteMarker = orcBoolean(batch, names.indexOf(InsightCounter.IS_DELETE_MARKER));
                IntFunction<Long> size = orcLong(batch, names.indexOf(InsightCounter.SIZE));
                IntFunction<String> storageClass = orcString(batch, names.indexOf(InsightCounter.STORAGE_CLASS));
                IntFunction<String> encryption = orcString(batch, names.indexOf(InsightCounter.ENCRYPTION_STATUS));
                IntFunction<String> checksum = orcString(batch, names.indexOf(InsightCounter.CHECKSUM_ALGORITHM));
                for (int row = 0; row < batch.size; row++) {
                    counter.add(
                            latest.apply(row),
                            deleteMarker.apply(row),
                            size.apply(row),
                            storageClass.apply(row),
                            encryption.apply(row),
                            checksum.apply(row));
                }
                count += batch.size;
            }
            return count;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static int index(ColumnVector vector, int row) {
        return vector.isRepeating ? 0 : row;
    }

    private static boolean isNull(ColumnVector vector, int row) {
        return !vector.noNulls && vector.isNull[index(vector, row)];
    }

    private static IntFunction<Long> orcLong(VectorizedRowBatch batch, int column) {
        if (column < 0) {
            return row -> null;
        }
        LongColumnVector vector = (LongColumnVector) batch.cols[column];
        return row -> isNull(vector, row) ? null : vector.vector[index(vector, row)];
    }

    private static IntFunction<Boolean> orcBoolean(VectorizedRowBatch batch, int column) {
        IntFunction<Long> value = orcLong(batch, column);
        return row -> {
            Long raw = value.apply(row);
            return raw == null ? null : raw != 0;
        };
    }

    private static IntFunction<String> orcString(VectorizedRowBatch batch, int column) {
        if (column < 0) {
            return row -> null;
        }
        BytesColumnVector vector = (BytesColumnVector) batch.cols[column];
        return row -> {
            if (isNull(vector, row)) {
                return null;
            }
            String value = vector.toString(index(vector, row));
            return value.isEmpty() ? null : value;
        };
    }

    static long parquet(Path file, InsightCounter counter) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            ColumnIOFactory columns = new ColumnIOFactory();
            long count = 0;
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                org.apache.parquet.io.RecordReader<Group> records =
                        columns.getColumnIO(schema).getRecordReader(pages, new GroupRecordConverter(schema));
                for (long row = 0; row < pages.getRowCount(); row++) {
                    Group group = records.read();
                    counter.add(
                            parquetBoolean(group, InsightCounter.IS_LATEST),
                            parquetBoolean(group, InsightCounter.IS_DELETE_MARKER),
                            parquetLong(group, InsightCounter.SIZE),
                            parquetString(group, InsightCounter.STORAGE_CLASS),
                            parquetString(group, InsightCounter.ENCRYPTION_STATUS),
                            parquetString(group, InsightCounter.CHECKSUM_ALGORITHM));
                    count++;
                }
            }
            return count;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static boolean present(Group group, String field) {
        return group.getType().containsField(field) && group.getFieldRepetitionCount(field) > 0;
    }

    private static Boolean parquetBoolean(Group group, String field) {
        return present(group, field) ? group.getBoolean(field, 0) : null;
    }

    private static Long parquetLong(Group group, String field) {
        if (!present(group, field)) {
            return null;
        }
        return switch (group.getType().getType(field).asPrimitiveType().getPrimitiveTypeName()) {
            case INT32 -> (long) group.getInteger(field, 0);
            default -> group.getLong(field, 0);
        };
    }

    private static String parquetString(Group group, String field) {
        if (!present(group, field)) {
            return null;
        }
        String value = group.getString(field, 0);
        return value.isEmpty() ? null : value;
    }
}
