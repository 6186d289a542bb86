package io.tidewater.service.admin;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
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

    @RestController
    static class Refusals {

        @GetMapping("/things/{id}")
        String thing(@PathVariable String id) {
            throw switch (id) {
                case "missing" -> new ThingNotFoundException("No thing " + id);
                case "busy" -> new ThingConflictException("Cannot replay " + id + ": it is loading");
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
