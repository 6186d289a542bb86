package io.tidewater.local.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The entry point of {@code ./tidewater}. */
@Command(
        name = "tidewater",
        mixinStandardHelpOptions = true,
        version = "Tidewater 0.1.0-SNAPSHOT",
        description = "S3 Inventory reports and Cost and Usage Reports into always-current Iceberg tables.",
        subcommands = {DemoCommand.class, UpCommand.class, SqlCommand.class, InferCommand.class, PlanCommand.class})
public final class TidewaterCommand {

    public static void main(String[] args) {
        int exitCode = commandLine().execute(args);
        System.exit(exitCode);
    }

    /** The command line {@link #main} runs: every subcommand, and {@code infer}'s own account of bad arguments. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new TidewaterCommand());
        return commandLine.setParameterExceptionHandler(
                new InferCommand.UsageErrors(commandLine.getParameterExceptionHandler()));
    }
}
