package io.tidewater.loader.job;

import io.tidewater.contract.InvalidMessageException;
import io.tidewater.service.admin.ProblemStatus;
import java.util.NoSuchElementException;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * What the job API's refusals that are not the kit's own types mean: 400 for a job that is not a load job, 404 for an
 * unknown job or catalog, 503 when the queue for submitted jobs is full. A job queued twice is a conflict by its type.
 */
@Configuration(proxyBeanMethods = false)
class JobRefusals {

    @Bean
    ProblemStatus unreadableJob() {
        return ProblemStatus.of(HttpStatus.BAD_REQUEST, InvalidMessageException.class);
    }

    @Bean
    ProblemStatus unknownJobOrCatalog() {
        return ProblemStatus.of(HttpStatus.NOT_FOUND, NoSuchElementException.class);
    }

    @Bean
    ProblemStatus submittedJobsFull() {
        return ProblemStatus.of(HttpStatus.SERVICE_UNAVAILABLE, RejectedExecutionException.class);
    }
}
