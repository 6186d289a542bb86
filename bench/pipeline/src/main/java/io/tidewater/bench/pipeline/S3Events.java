package io.tidewater.bench.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** S3 event notification bodies as S3 sends them (event version 2.1, one record), for the trigger benchmark. */
final class S3Events {

    private static final ObjectMapper JSON = new ObjectMapper();

    private S3Events() {}

    static String objectCreated(String bucket, String key, String sequencer) {
        ObjectNode record = JSON.createObjectNode();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", "us-east-1");
        record.put("eventTime", Instant.now().toString());
        record.put("eventName", "ObjectCreated:Put");
        record.putObject("userIdentity").put("principalId", "AWS:TIDEWATERBENCH");
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", "tidewater-bench");
        ObjectNode bucketNode = s3.putObject("bucket");
        bucketNode.put("name", bucket);
        bucketNode.put("arn", "arn:aws:s3:::" + bucket);
        ObjectNode object = s3.putObject("object");
        object.put("key", key);
        object.put("size", 33);
        object.put("eTag", "0123456789abcdef0123456789abcdef");
        object.put("sequencer", sequencer);
        ObjectNode event = JSON.createObjectNode();
        event.putArray("Records").add(record);
        return event.toString();
    }
}
