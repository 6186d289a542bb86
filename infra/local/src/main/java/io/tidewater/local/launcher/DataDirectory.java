package io.tidewater.local.launcher;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data-dir} option: where the local stack keeps objects, the catalog and state. */
final class DataDirectory {

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Where the local stack keeps its state (default: ${DEFAULT-VALUE}).",
            defaultValue = ".tidewater")
    Path path;
}
