package io.tidewater.loader.spark;

import io.tidewater.loader.config.LoaderProperties;
import org.apache.hadoop.fs.FileSystem;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.spark.SparkCatalog;
import org.apache.spark.sql.SparkSession;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One Spark session for the life of the service, and the Iceberg catalog it writes through. */
@Configuration(proxyBeanMethods = false)
class SparkConfiguration {

    @Bean(destroyMethod = "")
    SparkSession sparkSession(LoaderProperties properties) {
        return SparkSessions.create(properties);
    }

    /**
     * Stops Spark and closes Hadoop's file systems with it: Hadoop caches them JVM-wide by scheme and bucket, and a
     * cached one would keep an endpoint the next session in this JVM no longer uses.
     */
    @Bean
    DisposableBean sparkShutdown(SparkSession spark) {
        return () -> {
            spark.stop();
            FileSystem.closeAll();
        };
    }

    @Bean
    Catalog icebergCatalog(SparkSession spark, LoaderProperties properties) {
        SparkCatalog catalog = (SparkCatalog) spark.sessionState()
                .catalogManager()
                .catalog(properties.catalog().name());
        return catalog.icebergCatalog();
    }
}
