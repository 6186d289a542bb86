package io.tidewater.loader.load;

import io.tidewater.contract.LoadResult;
import io.tidewater.contract.MessageJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One run of {@link LoadJobSubmission}'s main logic in this JVM, with its exit status and what it printed. */
record SubmittedJob(int status, String out, String err) {

    static SubmittedJob run(String standardInput, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = LoadJobSubmission.run(
                args,
                new ByteArrayInputStream((standardInput == null ? "" : standardInput).getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new SubmittedJob(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    LoadResult.LoadCompleted completed() {
        return MessageJson.read(out, LoadResult.LoadCompleted.class);
    }

    LoadResult.LoadFailed failed() {
        return MessageJson.read(out, LoadResult.LoadFailed.class);
    }
}
