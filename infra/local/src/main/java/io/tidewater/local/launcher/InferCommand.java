package io.tidewater.local.launcher;

import io.tidewater.schema.cli.InferenceReport;
import io.tidewater.schema.inference.CrawlOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/** {@code ./tidewater infer [--json] [--file-schema "A, B"] PATH...}: the schema library's crawler on local files. */
@Command(
        name = "infer",
        description = "Infer the format, dialect, header and typed columns of files or directories.",
        customSynopsis = "infer [--json] [--file-schema \"A, B, C\"] PATH...",
        mixinStandardHelpOptions = true)
final class InferCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print one JSON object per line and file instead of a table.")
    boolean json;

    @Option(
            names = "--file-schema",
            paramLabel = "\"A, B, C\"",
            description = "The column names in file order, as an S3 Inventory manifest's fileSchema gives them.")
    String fileSchema;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or directories (every file inside).")
    List<Path> paths = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CrawlOptions options = fileSchema == null
                ? CrawlOptions.defaults()
                : CrawlOptions.defaults().withKnownColumns(fileSchema);
        return InferenceReport.print(
                paths,
                options,
                json ? InferenceReport.Style.JSON : InferenceReport.Style.TABLE,
                spec.commandLine().getOut());
    }

    /**
     * Bad arguments to {@code infer} told as "Cannot run infer: ..." followed by its usage, exit code 2; other commands'
     * are left to {@code others}.
     */
    record UsageErrors(IParameterExceptionHandler others) implements IParameterExceptionHandler {

        @Override
        public int handleParseException(ParameterException problem, String[] args) throws Exception {
            CommandLine command = problem.getCommandLine();
            if (!(command.getCommand() instanceof InferCommand)) {
                return others.handleParseException(problem, args);
            }
            command.getErr().println(message(problem));
            command.getErr().print(command.getUsageMessage());
            command.getErr().flush();
            return command.getCommandSpec().exitCodeOnInvalidInput();
        }

        private static String message(ParameterException problem) {
            if (problem instanceof UnmatchedArgumentException unmatched
                    && !unmatched.getUnmatched().isEmpty()
                    && unmatched.getUnmatched().get(0).startsWith("-")) {
                return "Cannot run infer: unknown option "
                        + unmatched.getUnmatched().get(0);
            }
            if (problem instanceof MissingParameterException missing) {
                if (missing.getMissing().stream().anyMatch(argument -> argument.isOption())) {
                    return "Cannot read --file-schema: it needs a value such as \"Bucket, Key, Size\"";
                }
                return "Cannot run infer: no PATH given";
            }
            return "Cannot run infer: " + problem.getMessage();
        }
    }
}
