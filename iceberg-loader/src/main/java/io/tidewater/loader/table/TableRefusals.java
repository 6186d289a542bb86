package io.tidewater.loader.table;

import io.tidewater.service.admin.ProblemStatus;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.ValidationException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/** What Iceberg's refusals mean to the table API: 400 for an invalid definition, 404 for an unknown table or
 * namespace, 409 for a taken name. */
@Configuration(proxyBeanMethods = false)
class TableRefusals {

    @Bean
    ProblemStatus invalidTableDefinition() {
        return ProblemStatus.of(HttpStatus.BAD_REQUEST, ValidationException.class);
    }

    @Bean
    ProblemStatus unknownTableOrNamespace() {
        return ProblemStatus.of(HttpStatus.NOT_FOUND, NoSuchTableException.class, NoSuchNamespaceException.class);
    }

    @Bean
    ProblemStatus tableNameTaken() {
        return ProblemStatus.of(HttpStatus.CONFLICT, AlreadyExistsException.class);
    }
}
