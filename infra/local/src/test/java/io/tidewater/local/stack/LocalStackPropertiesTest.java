package io.tidewater.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackPropertiesTest {

    @Test
    void theBundledStackKeepsItsMessages() {
        assertThat(LocalStackProperties.defaults().sqs().persistMessages()).isTrue();
    }

    @Test
    void persistMessagesIsReadFromTheFileAndKeptAcrossOtherPorts(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(
                directory.resolve("stack.yml"),
                """
                region: eu-west-1
                s3:
                  port: 9100
                  buckets: [a]
                sqs:
                  port: 9400
                  persist-messages: false
                  queues:
                    - name: q
                      visibility-timeout-seconds: 7
                """);

        LocalStackProperties read = LocalStackProperties.read(file);

        assertThat(read.sqs().persistMessages()).isFalse();
        assertThat(read.sqs().queues().get(0).visibilityTimeoutSeconds()).isEqualTo(7);
        assertThat(read.withPorts(1, 2).sqs().persistMessages()).isFalse();
        assertThat(read.withMessagePersistence(true).sqs().persistMessages()).isTrue();
        assertThat(read.withMessagePersistence(true).sqs().port()).isEqualTo(9400);
    }
}
