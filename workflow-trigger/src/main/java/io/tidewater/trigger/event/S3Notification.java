package io.tidewater.trigger.event;

import io.tidewater.trigger.routing.ObjectCreated;
import java.util.List;

/** What one SQS message body said: objects created, a test event, or something that is not about created objects. */
public sealed interface S3Notification {

    /** Objects were created. */
    record ObjectsCreated(List<ObjectCreated> objects) implements S3Notification {
        public ObjectsCreated {
            objects = List.copyOf(objects);
        }
    }

    /** {@code s3:TestEvent}, sent when a notification configuration is enabled: acknowledge and ignore. */
    record TestEvent(String bucket) implements S3Notification {}

    /** A well-formed event of another kind (a delete, a tagging change): nothing to load. */
    record Ignored(String eventName) implements S3Notification {}
}
