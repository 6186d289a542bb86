package io.tidewater.service.admin;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

class AdminProblemDetailsTest {

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Refusals())
            .setControllerAdvice(new AdminProblemDetails())
            .build();

    @Test
    void answersAnUnknownThingWith404AndTheMessageAsDetail() throws Exception {
        mvc.perform(get("/things/missing"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.detail").value("No thing missing"));
    }

    @Test
    void answersAThingInTheWrongStateWith409() throws Exception {
        mvc.perform(get("/things/busy"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("Cannot replay busy: it is loading"));
    }

    @Test
    void answersAMalformedRequestWith400() throws Exception {
        mvc.perform(get("/things/bad"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Cannot read bad: not a thing id"));
    }

    @Test
    void answersADeclaredTypeWithItsStatusAndTheClosestDeclarationWins() throws Exception {
        MockMvc declaring = MockMvcBuilders.standaloneSetup(new Refusals())
                .setControllerAdvice(new AdminProblemDetails(List.of(
                        ProblemStatus.of(HttpStatus.SERVICE_UNAVAILABLE, RejectedExecutionException.class),
                        ProblemStatus.of(HttpStatus.NOT_FOUND, NoSuchElementException.class))))
                .build();

        declaring
                .perform(get("/things/full"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.detail").value("Cannot queue full: the queue is full"));
        declaring.perform(get("/things/gone")).andExpect(status().isNotFound());
        declaring.perform(get("/things/bad")).andExpect(status().isBadRequest());
    }

    @Test
    void leavesAnUndeclaredTypeToSpring() {
        assertThatThrownBy(() -> mvc.perform(get("/things/full")))
                .hasRootCauseInstanceOf(RejectedExecutionException.class)
                .hasRootCauseMessage("Cannot queue full: the queue is full");
    }

    @Test
    void refusesOneTypeDeclaredWithTwoStatuses() {
        assertThatThrownBy(() -> new AdminProblemDetails(
                        List.of(ProblemStatus.of(HttpStatus.CONFLICT, IllegalArgumentException.class))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot answer java.lang.IllegalArgumentException with 409 CONFLICT: it is answered with"
                        + " 400 BAD_REQUEST already");
    }

    @RestController
    static class Refusals {

        @GetMapping("/things/{id}")
        String thing(@PathVariable String id) {
            throw switch (id) {
                case "missing" -> new ThingNotFoundException("No thing " + id);
                case "busy" -> new ThingConflictException("Cannot replay " + id + ": it is loading");
                case "full" -> new RejectedExecutionException("Cannot queue " + id + ": the queue is full");
                case "gone" -> new NoSuchElementException("No thing " + id);
                default -> new IllegalArgumentException("Cannot read " + id + ": not a thing id");
            };
        }
    }

    static class ThingNotFoundException extends NotFoundException {
        ThingNotFoundException(String message) {
            super(message);
        }
    }

    static class ThingConflictException extends ConflictException {
        ThingConflictException(String message) {
            super(message);
        }
    }
}
