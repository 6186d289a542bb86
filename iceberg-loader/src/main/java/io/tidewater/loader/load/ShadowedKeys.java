package io.tidewater.loader.load;

import io.tidewater.contract.LoadResult;
import io.tidewater.contract.MessageJson;
import java.util.Arrays;
import java.util.List;
import org.apache.iceberg.Snapshot;

/** The shadowed keys a derived table's snapshot records, so that a redelivery reports what the first one found. */
final class ShadowedKeys {

    private ShadowedKeys() {}

    static String write(List<LoadResult.Shadowed> shadowed) {
        return MessageJson.write(shadowed);
    }

    static List<LoadResult.Shadowed> of(Snapshot snapshot) {
        String recorded = snapshot.summary().get(SourcePrecedence.SHADOWED);
        return recorded == null ? List.of() : Arrays.asList(MessageJson.read(recorded, LoadResult.Shadowed[].class));
    }
}
