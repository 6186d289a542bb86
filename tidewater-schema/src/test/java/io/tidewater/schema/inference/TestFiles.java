package io.tidewater.schema.inference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;

/** Locates the sample files copied into the test resources (see tidewater-schema/NOTICE). */
final class TestFiles {
    private TestFiles() {}

    static Path sample(String relative) {
        try {
            return Path.of(Objects.requireNonNull(TestFiles.class.getResource("/samples/" + relative), relative)
                    .toURI());
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
