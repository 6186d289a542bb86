package io.tidewater.bench.pipeline;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * Turns a generated CSV inventory into the Parquet or ORC files S3 writes for the same inventory: S3's snake_case field
 * names and types, keys not URL-encoded (only CSV encodes them), the rows spread over the same number of files.
 */
final class ColumnarInventoryWriter {

    /** A written data file with the size and MD5 its manifest entry carries. */
    record WrittenFile(Path path, String name, long size, String md5) {}

    private ColumnarInventoryWriter() {}

    static List<WrittenFile> write(
            SparkSession spark, List<Path> csvFiles, InventoryFileFormat format, int files, Path directory) {
        StructType schema = new StructType();
        for (SparkBaselines.InventoryField field : SparkBaselines.FIELDS) {
            schema = schema.add(field.sourceName(), field.type(), true);
        }
        List<Column> columns = new ArrayList<>();
        for (SparkBaselines.InventoryField field : SparkBaselines.FIELDS) {
            Column value = col(field.sourceName());
            columns.add(("Key".equals(field.sourceName()) ? functions.url_decode(value) : value).as(field.tableName()));
        }
        Path output = directory.resolve(format.name().toLowerCase(java.util.Locale.ROOT));
        spark.read()
                .schema(schema)
                .csv(csvFiles.stream().map(path -> path.toUri().toString()).toArray(String[]::new))
                .select(columns.toArray(Column[]::new))
                .repartition(files)
                .write()
                .mode("overwrite")
                .format(format == InventoryFileFormat.PARQUET ? "parquet" : "orc")
                .save(output.toUri().toString());
        try (Stream<Path> written = Files.list(output)) {
            List<Path> parts = written.filter(path -> path.getFileName().toString().startsWith("part-"))
                    .sorted()
                    .toList();
            List<WrittenFile> result = new ArrayList<>();
            for (int index = 0; index < parts.size(); index++) {
                String name = "inventory-%05d%s".formatted(index, format.suffix());
                Path renamed = Files.move(parts.get(index), directory.resolve(name),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                result.add(new WrittenFile(renamed, name, Files.size(renamed), md5(renamed)));
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot collect the " + format + " files in " + output + ": " + e.getMessage(), e);
        }
    }

    private static String md5(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("MD5"))) {
            DigestInputStream digesting = (DigestInputStream) in;
            digesting.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(digesting.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot compute MD5: the JVM lacks it", e);
        }
    }
}
