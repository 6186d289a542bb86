package io.tidewater.service.admin;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * Exception types that mean one status in a service's {@code /admin} answers, for the types that cannot extend
 * {@link NotFoundException} or {@link ConflictException}: a library's own (Iceberg's {@code NoSuchTableException}) or
 * the JDK's ({@code RejectedExecutionException} for a full queue). A service declares them as beans;
 * {@link AdminProblemDetails} answers each such exception with its status and the exception's message as detail.
 *
 * @param status the status the exceptions are answered with
 * @param exceptions the exception types, subtypes included (the closest declared type decides)
 */
public record ProblemStatus(HttpStatus status, List<Class<? extends Exception>> exceptions) {

    public ProblemStatus {
        requireNonNull(status, "status is null");
        exceptions = List.copyOf(requireNonNull(exceptions, "exceptions is null"));
        if (exceptions.isEmpty()) {
            throw new IllegalArgumentException("Cannot answer with " + status + ": no exception type means it");
        }
    }

    /** The exception types that mean the status. */
    @SafeVarargs
    public static ProblemStatus of(HttpStatus status, Class<? extends Exception>... exceptions) {
        return new ProblemStatus(status, List.of(exceptions));
    }
}
