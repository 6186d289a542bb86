package io.tidewater.loader.spark;

import io.tidewater.loader.config.LoaderProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.spark.SparkCatalog;
import org.apache.spark.sql.SparkSession;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One Spark session for the life of the service, and the Iceberg catalog it writes through. */
@Configuration(proxyBeanMethods = false)
class SparkConfiguration {

    @Bean(destroyMethod = "stop")
    SparkSession sparkSession(LoaderProperties properties) {
        return SparkSessions.create(properties);
    }

    @Bean
    Catalog icebergCatalog(SparkSession spark, LoaderProperties properties) {
        SparkCatalog catalog = (SparkCatalog) spark.sessionState()
                .catalogManager()
                .catalog(properties.catalog().name());
        return catalog.icebergCatalog();
    }
}
