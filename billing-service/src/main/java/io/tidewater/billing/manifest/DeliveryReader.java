package io.tidewater.billing.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewater.contract.SourceFormat;
import java.io.IOException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reads a billing manifest from S3 and resolves its data files: legacy CUR by {@code reportKeys}, Data Exports by the
 * manifest's data files or, when it lists none, by listing {@code data/BILLING_PERIOD=YYYY-MM/}.
 */
@Component
public class DeliveryReader {

    private static final ObjectMapper JSON =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Pattern BILLING_PERIOD = Pattern.compile("(^|/)BILLING_PERIOD=(\\d{4}-\\d{2})(/|$)");
    private static final Pattern EXPORT_MANIFEST =
            Pattern.compile("^(?<root>.*?)(?<export>[^/]+)/metadata/BILLING_PERIOD=(?<period>\\d{4}-\\d{2})/.*$");

    private final S3Client s3;

    DeliveryReader(S3Client s3) {
        this.s3 = s3;
    }

    /**
     * The delivery a manifest announces.
     *
     * @throws InvalidDeliveryException when the manifest or a data file is missing or unreadable
     */
    public BillingDelivery read(String bucket, String manifestKey) {
        ResponseBytes<GetObjectResponse> manifest = get(bucket, manifestKey);
        Instant modifiedAt = manifest.response().lastModified();
        if (modifiedAt == null) {
            modifiedAt = head(bucket, manifestKey).lastModified();
        }
        return BILLING_PERIOD.matcher(manifestKey).find()
                ? dataExport(bucket, manifestKey, manifest, modifiedAt)
                : legacyCur(bucket, manifestKey, manifest.asByteArray(), modifiedAt);
    }

    LegacyCurDelivery legacyCur(String bucket, String manifestKey, byte[] bytes, Instant modifiedAt) {
        LegacyCurManifest manifest = parse(bucket, manifestKey, bytes, LegacyCurManifest.class);
        List<String> problems = new ArrayList<>();
        if (manifest.assemblyId() == null || manifest.assemblyId().isBlank()) {
            problems.add("no assemblyId");
        }
        if (manifest.billingPeriod() == null || manifest.billingPeriod().start() == null) {
            problems.add("no billingPeriod.start");
        }
        if (manifest.reportKeys() == null || manifest.reportKeys().isEmpty()) {
            problems.add("no reportKeys");
        }
        if (manifest.columns() == null || manifest.columns().isEmpty()) {
            problems.add("no columns");
        }
        if (!problems.isEmpty()) {
            throw new InvalidDeliveryException("Cannot accept CUR manifest s3://%s/%s: %s"
                    .formatted(bucket, manifestKey, String.join(", ", problems)));
        }
        YearMonth period =
                periodOf(bucket, manifestKey, manifest.billingPeriod().start());
        List<DeliveryFile> files = new ArrayList<>();
        for (String reportKey : manifest.reportKeys()) {
            files.add(resolve(bucket, manifestKey, manifest.assemblyId(), reportKey));
        }
        List<ManifestColumn> columns = manifest.columns().stream()
                .map(column -> new ManifestColumn(column.sourceName(), column.type()))
                .toList();
        return new LegacyCurDelivery(
                bucket,
                manifestKey,
                manifest.reportName() == null ? "" : manifest.reportName(),
                period,
                manifest.assemblyId(),
                modifiedAt,
                files,
                formatOf(bucket, manifestKey, files, manifest.contentType()),
                columns);
    }

    /**
     * AWS's manifest: {@code executionId}, {@code exportArn}, {@code columns} ({@code name}, {@code type}),
     * {@code dataFiles} as full {@code s3://} URIs and {@code additionalOutputFiles} (Athena and Redshift files, never
     * data). Chunks AWS emptied when a refresh needed fewer files are left out.
     */
    private DataExportDelivery dataExport(
            String bucket, String manifestKey, ResponseBytes<GetObjectResponse> bytes, Instant modifiedAt) {
        Matcher location = EXPORT_MANIFEST.matcher(manifestKey);
        if (!location.matches()) {
            throw new InvalidDeliveryException(
                    "Cannot accept Data Exports manifest s3://%s/%s: expected <export>/metadata/BILLING_PERIOD=YYYY-MM/"
                            .formatted(bucket, manifestKey));
        }
        JsonNode manifest = parse(bucket, manifestKey, bytes.asByteArray(), JsonNode.class);
        String exportName = location.group("export");
        YearMonth period = YearMonth.parse(location.group("period"));
        String executionId = text(manifest, "executionId")
                .or(() -> text(manifest.path("metadata"), "executionId"))
                .orElse(null);
        String eTag =
                bytes.response().eTag() == null ? "" : bytes.response().eTag().replace("\"", "");
        // The execution id tells deliveries apart: both manifests of a create-new delivery carry it.
        String assemblyId = executionId != null ? executionId : "etag-" + eTag;
        Set<String> additional = additionalOutputKeys(manifest.path("additionalOutputFiles"));
        List<DeliveryFile> files = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode file : manifest.path("dataFiles")) {
            String uri = file.isTextual()
                    ? file.asText()
                    : file.path("uri").asText(file.path("key").asText());
            try {
                files.add(resolveExportFile(bucket, manifestKey, uri));
            } catch (InvalidDeliveryException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidDeliveryException(String.join("; ", problems));
        }
        if (files.isEmpty()) {
            String dataFolder = location.group("root") + exportName + "/data/BILLING_PERIOD=" + period + "/";
            files.addAll(list(bucket, dataFolder, executionId));
        }
        files.removeIf(file -> additional.contains(file.key()));
        int listed = files.size();
        files.removeIf(file -> file.size() == 0);
        if (files.isEmpty()) {
            throw new InvalidDeliveryException("Cannot accept Data Exports manifest s3://%s/%s: %s"
                    .formatted(
                            bucket,
                            manifestKey,
                            listed == 0 ? "no data files" : "all " + listed + " data files are empty"));
        }
        List<ManifestColumn> columns = new ArrayList<>();
        for (JsonNode column : manifest.path("columns")) {
            String name =
                    column.isTextual() ? column.asText() : column.path("name").asText("");
            if (!name.isBlank()) {
                columns.add(new ManifestColumn(
                        name,
                        column.path("type").isTextual() ? column.path("type").asText() : null));
            }
        }
        return new DataExportDelivery(
                bucket,
                manifestKey,
                exportName,
                text(manifest, "exportArn").orElse(""),
                period,
                assemblyId,
                modifiedAt,
                files,
                formatOf(bucket, manifestKey, files, null),
                columns);
    }

    /** The keys of the Athena and Redshift files a manifest lists, by URI or key, whatever the entry's shape. */
    private static Set<String> additionalOutputKeys(JsonNode additionalOutputFiles) {
        Set<String> keys = new HashSet<>();
        for (JsonNode file : additionalOutputFiles) {
            List<JsonNode> values = new ArrayList<>();
            if (file.isTextual()) {
                values.add(file);
            } else {
                file.forEach(values::add);
            }
            for (JsonNode value : values) {
                if (value.isTextual() && value.asText().startsWith("s3://")) {
                    keys.add(S3Uri.parse(value.asText()).key());
                } else if (value.isTextual()) {
                    keys.add(value.asText());
                }
            }
        }
        return keys;
    }

    /**
     * Overwrite exports keep their files directly in the period folder; create-new exports put each execution in its
     * own folder, named {@code <timestamp>-<executionId>}.
     */
    private List<DeliveryFile> list(String bucket, String folder, String executionId) {
        List<DeliveryFile> direct = new ArrayList<>();
        List<DeliveryFile> ofExecution = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(
                        request -> request.bucket(bucket).prefix(folder))
                .contents()) {
            String rest = object.key().substring(folder.length());
            if (!isDataFile(rest)) {
                continue;
            }
            int slash = rest.indexOf('/');
            if (slash < 0) {
                direct.add(new DeliveryFile(object.key(), object.size()));
            } else if (executionId != null && rest.substring(0, slash).endsWith(executionId)) {
                ofExecution.add(new DeliveryFile(object.key(), object.size()));
            }
        }
        return ofExecution.isEmpty() ? direct : ofExecution;
    }

    private static boolean isDataFile(String key) {
        String name = key.toLowerCase(Locale.ROOT);
        return name.endsWith(".csv.gz") || name.endsWith(".csv") || name.endsWith(".parquet");
    }

    /** AWS names each data file by its full URI; one in another bucket than the manifest's is not read. */
    private DeliveryFile resolveExportFile(String bucket, String manifestKey, String uri) {
        String key = uri;
        if (uri.startsWith("s3://")) {
            S3Uri parsed = S3Uri.parse(uri);
            if (!parsed.bucket().equals(bucket)) {
                throw new InvalidDeliveryException(
                        "Cannot read data file %s of manifest s3://%s/%s: it is in bucket '%s', not in the manifest's bucket '%s'"
                                .formatted(uri, bucket, manifestKey, parsed.bucket(), bucket));
            }
            key = parsed.key();
        }
        String found = key;
        return headIfExists(bucket, found)
                .map(head -> new DeliveryFile(found, head.contentLength()))
                .orElseThrow(() -> new InvalidDeliveryException(
                        "Cannot find data file %s of manifest s3://%s/%s".formatted(uri, bucket, manifestKey)));
    }

    /** An {@code s3://bucket/key} URI. */
    private record S3Uri(String bucket, String key) {
        static S3Uri parse(String uri) {
            String rest = uri.substring("s3://".length());
            int slash = rest.indexOf('/');
            return slash < 0 ? new S3Uri(rest, "") : new S3Uri(rest.substring(0, slash), rest.substring(slash + 1));
        }
    }

    /**
     * AWS lists full keys, with a leading {@code /} when the report prefix is empty; copies of reports may live under
     * another prefix, so the file is also looked for in the assembly folder beside the manifest.
     */
    private DeliveryFile resolve(String bucket, String manifestKey, String assemblyId, String reportKey) {
        String key = reportKey.startsWith("/") ? reportKey.substring(1) : reportKey;
        String fileName = key.substring(key.lastIndexOf('/') + 1);
        String manifestFolder = manifestKey.substring(0, manifestKey.lastIndexOf('/') + 1);
        LinkedHashSet<String> candidates = new LinkedHashSet<>();
        candidates.add(key);
        candidates.add(manifestFolder + fileName);
        candidates.add(manifestFolder + assemblyId + "/" + fileName);
        for (String candidate : candidates) {
            Optional<HeadObjectResponse> head = headIfExists(bucket, candidate);
            if (head.isPresent()) {
                return new DeliveryFile(candidate, head.get().contentLength());
            }
        }
        throw new InvalidDeliveryException("Cannot find report file %s of manifest s3://%s/%s: looked at %s"
                .formatted(reportKey, bucket, manifestKey, candidates));
    }

    private static SourceFormat formatOf(
            String bucket, String manifestKey, List<DeliveryFile> files, String contentType) {
        String first = files.get(0).key().toLowerCase(Locale.ROOT);
        if (first.endsWith(".parquet")
                || (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("parquet"))) {
            return SourceFormat.PARQUET;
        }
        if (first.endsWith(".csv.gz") || first.endsWith(".csv")) {
            return SourceFormat.CSV;
        }
        throw new InvalidDeliveryException(
                "Cannot read delivery s3://%s/%s: unknown data file format %s (expected .csv.gz, .csv or .parquet)"
                        .formatted(bucket, manifestKey, files.get(0).key()));
    }

    private static YearMonth periodOf(String bucket, String manifestKey, String start) {
        try {
            return YearMonth.of(Integer.parseInt(start.substring(0, 4)), Integer.parseInt(start.substring(4, 6)));
        } catch (RuntimeException e) {
            throw new InvalidDeliveryException(
                    "Cannot read billing period of CUR manifest s3://%s/%s: start '%s' is not yyyyMMddTHHmmss.SSSZ"
                            .formatted(bucket, manifestKey, start),
                    e);
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static <T> T parse(String bucket, String manifestKey, byte[] bytes, Class<T> type) {
        try {
            return JSON.readValue(bytes, type);
        } catch (JsonProcessingException e) {
            throw new InvalidDeliveryException(
                    "Cannot read manifest s3://%s/%s: %s".formatted(bucket, manifestKey, e.getOriginalMessage()), e);
        } catch (IOException | DateTimeParseException e) {
            throw new InvalidDeliveryException(
                    "Cannot read manifest s3://%s/%s: %s".formatted(bucket, manifestKey, e.getMessage()), e);
        }
    }

    private ResponseBytes<GetObjectResponse> get(String bucket, String key) {
        try {
            return s3.getObjectAsBytes(request -> request.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            throw new InvalidDeliveryException("Cannot read s3://%s/%s: no such object".formatted(bucket, key), e);
        }
    }

    private HeadObjectResponse head(String bucket, String key) {
        return headIfExists(bucket, key)
                .orElseThrow(() ->
                        new InvalidDeliveryException("Cannot read s3://%s/%s: no such object".formatted(bucket, key)));
    }

    private Optional<HeadObjectResponse> headIfExists(String bucket, String key) {
        try {
            return Optional.of(s3.headObject(request -> request.bucket(bucket).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
