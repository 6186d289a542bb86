package io.tidewater.service.admin;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.core.ExceptionDepthComparator;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The services' refusals as problem details (RFC 9457), the same in every service: 400 for a malformed request
 * ({@link IllegalArgumentException}), 404 for something that does not exist ({@link NotFoundException}), 409 for
 * something in a state that refuses the request ({@link ConflictException}), and whatever status a service's
 * {@link ProblemStatus} beans give other exception types. The detail is the exception's message.
 *
 * <p>Any other exception is rethrown, which hands it on to Spring MVC's own resolution (its own exceptions keep their
 * statuses; the rest are 500) as if this advice had not matched.
 */
@RestControllerAdvice(basePackages = "io.tidewater")
public class AdminProblemDetails {

    private static final List<ProblemStatus> KIT = List.of(
            ProblemStatus.of(HttpStatus.BAD_REQUEST, IllegalArgumentException.class),
            ProblemStatus.of(HttpStatus.NOT_FOUND, NotFoundException.class),
            ProblemStatus.of(HttpStatus.CONFLICT, ConflictException.class));

    private final Map<Class<? extends Throwable>, HttpStatus> statuses = new LinkedHashMap<>();

    /** The kit's statuses only. */
    public AdminProblemDetails() {
        this(List.of());
    }

    /**
     * The kit's statuses and those the service declares.
     *
     * @throws IllegalArgumentException when two declarations give one exception type two statuses
     */
    public AdminProblemDetails(List<ProblemStatus> declared) {
        Stream.concat(KIT.stream(), requireNonNull(declared, "declared is null").stream())
                .forEach(problem -> problem.exceptions().forEach(type -> {
                    HttpStatus earlier = statuses.putIfAbsent(type, problem.status());
                    if (earlier != null && earlier != problem.status()) {
                        throw new IllegalArgumentException("Cannot answer %s with %s: it is answered with %s already"
                                .formatted(type.getName(), problem.status(), earlier));
                    }
                }));
    }

    @ExceptionHandler
    ProblemDetail refused(Exception e) throws Exception {
        List<Class<? extends Throwable>> matching =
                statuses.keySet().stream().filter(type -> type.isInstance(e)).toList();
        if (matching.isEmpty()) {
            // Spring MVC documents a rethrow as backing out: the rest of its resolution chain takes the exception.
            throw e;
        }
        HttpStatus status = statuses.get(ExceptionDepthComparator.findClosestMatch(matching, e));
        return ProblemDetail.forStatusAndDetail(status, e.getMessage());
    }
}
