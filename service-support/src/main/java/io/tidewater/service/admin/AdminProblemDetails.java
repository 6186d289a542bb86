package io.tidewater.service.admin;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The services' refusals as problem details (RFC 9457), the same in every service: 400 for a malformed request
 * ({@link IllegalArgumentException}), 404 for something that does not exist ({@link NotFoundException}), 409 for
 * something in a state that refuses the request ({@link ConflictException}). The detail is the exception's message.
 */
@RestControllerAdvice(basePackages = "io.tidewater")
public class AdminProblemDetails {

    @ExceptionHandler
    ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail notFound(NotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail conflict(ConflictException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }
}
