# One image recipe for the four services; the build argument MODULE picks the service. From the repository root, after
# `./mvnw -pl <module> -am -DskipTests package` (cdk deploy runs both steps, see infra/aws/cdk.json; docker compose
# builds the images once the jars are there):
#   docker build --build-arg MODULE=billing-service --build-arg PORT=8083 -t tidewater/billing-service:local .
#   docker build --build-arg MODULE=iceberg-loader --build-arg PORT=8084 --target spark-service \
#       -t tidewater/iceberg-loader:local .
# The loader runs Spark in its JVM: it builds the spark-service stage, and wants a container of several GB.
ARG MODULE

FROM eclipse-temurin:17-jre AS extract
ARG MODULE
WORKDIR /extract
COPY ${MODULE}/target/${MODULE}-*-exec.jar app.jar
# A plain classpath (app.jar plus lib/) instead of nested jars: it starts faster, and Spark and Hadoop need it.
RUN java -Djarmode=tools -jar app.jar extract --destination app

FROM eclipse-temurin:17-jre AS base
ARG PORT=8080
RUN useradd --system --uid 10001 --home-dir /app tidewater && mkdir /data && chown tidewater /data
WORKDIR /app
COPY --from=extract /extract/app/ ./
USER tidewater
# Local state (SQLite files) goes to a volume, not into the image.
ENV TIDEWATER_DATADIR=/data
VOLUME /data
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
EXPOSE ${PORT}
ENTRYPOINT ["java", "-jar", "/app/app.jar"]

FROM base AS spark-service
# Spark on Java 17 needs these opens (spark.jvm.flags in the root pom); local[*] binds the driver to loopback.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true"
ENV SPARK_LOCAL_IP=127.0.0.1

# The default, last: the three services without Spark.
FROM base AS service
