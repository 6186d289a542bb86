package io.tidewater.trigger.admin;

import io.tidewater.trigger.run.RunConflictException;
import io.tidewater.trigger.run.RunNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The ledger's refusals as problem details: 404 for an unknown run, 409 for a run in the wrong state. */
@RestControllerAdvice(assignableTypes = AdminController.class)
class AdminExceptionHandler {

    @ExceptionHandler
    ProblemDetail notFound(RunNotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail conflict(RunConflictException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }
}
