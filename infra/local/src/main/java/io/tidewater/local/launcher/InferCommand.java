package io.tidewater.local.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/** {@code ./tidewater infer [--json] [--file-schema "A, B"] PATH...}: the schema library's crawler on local files. */
@Command(
        name = "infer",
        description = "Infer the format, dialect, header and typed columns of files or directories.",
        mixinStandardHelpOptions = true)
final class InferCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", description = "Files or directories (every file inside).")
    List<String> paths = new ArrayList<>();

    @Unmatched
    List<String> options = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> arguments = new ArrayList<>(options);
        arguments.addAll(paths);
        return io.tidewater.schema.cli.InferCommand.run(arguments, System.out, System.err);
    }
}
