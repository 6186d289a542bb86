package io.tidewater.inventory.admin;

import io.tidewater.inventory.ledger.ReportNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refusals as problem details: 404 for an unknown report, 400 for a malformed request. */
@RestControllerAdvice(assignableTypes = AdminController.class)
class AdminExceptionHandler {

    @ExceptionHandler
    ProblemDetail notFound(ReportNotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }
}
