package io.tidewater.local.faults;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.encryption.EncryptedFiles;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFile;

/**
 * Another writer of the pipeline's table, in another process than the loader: it appends small data files of its own
 * through the same catalog while loads run, so that the loader's commits meet concurrent ones and must retry.
 */
public final class CompetingWriter implements AutoCloseable {

    private static final int ROWS_PER_COMMIT = 7;

    private final PipelineProbe probe;
    private final AtomicLong rowsCommitted = new AtomicLong();
    private final AtomicInteger commits = new AtomicInteger();
    private final List<String> failures = new ArrayList<>();
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "competing-writer");
        thread.setDaemon(true);
        return thread;
    });

    private CompetingWriter(PipelineProbe probe) {
        this.probe = probe;
    }

    /** Starts appending once the table exists, one commit every {@code pauseMillis}. */
    public static CompetingWriter start(PipelineProbe probe, long pauseMillis) {
        CompetingWriter writer = new CompetingWriter(probe);
        writer.schedule.scheduleWithFixedDelay(writer::appendOnce, 0, pauseMillis, TimeUnit.MILLISECONDS);
        return writer;
    }

    private void appendOnce() {
        Catalog catalog = probe.openCatalog();
        try {
            if (catalog.tableExists(PipelineProbe.INVENTORY_TABLE)) {
                append(catalog.loadTable(PipelineProbe.INVENTORY_TABLE));
            }
        } catch (RuntimeException e) {
            synchronized (failures) {
                failures.add(e.toString());
            }
        } finally {
            if (catalog instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // Closing a look-up's connection changes nothing the test checks.
                }
            }
        }
    }

    private void append(Table table) {
        int commit = commits.get() + 1;
        GenericRecord template = GenericRecord.create(table.schema());
        List<Record> rows = new ArrayList<>();
        for (int row = 0; row < ROWS_PER_COMMIT; row++) {
            rows.add(template.copy(Map.of(
                    "bucket",
                    "competing-writer",
                    "key",
                    "competing/" + commit + "/" + row,
                    "inventory_date",
                    LocalDate.of(2026, 11, 30),
                    "inventory_configuration",
                    "competing-writer")));
        }
        PartitionKey partition = new PartitionKey(table.spec(), table.schema());
        partition.partition(new InternalRecordWrapper(table.schema().asStruct()).wrap(rows.get(0)));
        OutputFile file = table.io()
                .newOutputFile(table.locationProvider()
                        .newDataLocation(table.spec(), partition, "competing-" + UUID.randomUUID() + ".parquet"));
        DataWriter<Record> writer = new GenericFileWriterFactory.Builder(table)
                .dataFileFormat(FileFormat.PARQUET)
                .build()
                .newDataWriter(EncryptedFiles.plainAsEncryptedOutput(file), table.spec(), partition);
        try (writer) {
            rows.forEach(writer::write);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot write the competing writer's data file " + file, e);
        }
        table.newFastAppend()
                .appendFile(writer.toDataFile())
                .set(PipelineProbe.COMPETING_WRITER, String.valueOf(commit))
                .commit();
        commits.incrementAndGet();
        rowsCommitted.addAndGet(ROWS_PER_COMMIT);
    }

    public long rowsCommitted() {
        return rowsCommitted.get();
    }

    public int commits() {
        return commits.get();
    }

    public List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    @Override
    public void close() throws InterruptedException {
        schedule.shutdown();
        if (!schedule.awaitTermination(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Cannot stop the competing writer: its commit did not end in 60 s");
        }
    }
}
