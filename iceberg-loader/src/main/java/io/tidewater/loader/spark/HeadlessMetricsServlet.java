package io.tidewater.loader.spark;

import com.codahale.metrics.MetricRegistry;
import java.util.Properties;
import org.apache.spark.SparkConf;
import org.apache.spark.metrics.sink.MetricsServlet;
import org.sparkproject.jetty.servlet.ServletContextHandler;

/**
 * Spark's metrics servlet without its servlet: Spark always creates the servlet sink, and the stock one needs Servlet
 * 5 classes that Spring Boot's Tomcat 11 no longer ships. The loader exposes metrics through Micrometer instead.
 */
public class HeadlessMetricsServlet extends MetricsServlet {

    public HeadlessMetricsServlet(Properties property, MetricRegistry registry) {
        super(property, registry);
    }

    @Override
    public ServletContextHandler[] getHandlers(SparkConf conf) {
        return new ServletContextHandler[0];
    }
}
