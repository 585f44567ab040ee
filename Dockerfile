# Build stage: compile and package the fat jar (tests run in CI, not here).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY config config
COPY src src
RUN mvn -B -q -DskipTests package

# Run stage: a JRE only, a non-root user, the database on a volume.
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /app backtriage \
    && mkdir -p /app /data && chown backtriage /data
WORKDIR /app
COPY --from=build /src/target/backtriage.jar /app/backtriage.jar
# Class data sharing: a training run through the console writes the classes it loaded (settings,
# tree, Jackson, SQLite, logging) to an archive this same JRE maps at start-up instead of loading them.
RUN printf '1\n1\n2\n' | BACKTRIAGE_DB=/tmp/cds.db java -XX:ArchiveClassesAtExit=/app/backtriage.jsa \
        -jar /app/backtriage.jar console > /dev/null \
    && rm -f /tmp/cds.db*
USER backtriage
ENV BACKTRIAGE_DB=/data/backtriage.db
VOLUME ["/data"]
# Operator endpoint: GET /healthz and GET /metrics. Publish it only to your monitoring network.
ENV BACKTRIAGE_HTTP_PORT=8080
EXPOSE 8080
# The JRE image has no curl, so the probe is a class in the jar (exit 0 on HTTP 200, else 1).
# The start period covers JVM start-up; /healthz itself gives the first poll 3 minutes.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx16m -cp /app/backtriage.jar \
        org.backtriage.ops.HealthProbe "http://127.0.0.1:${BACKTRIAGE_HTTP_PORT}/healthz" || exit 1
# TELEGRAM_BOT_TOKEN comes from the environment at run time: docker run -e TELEGRAM_BOT_TOKEN ...
# The flags BENCHMARKS.md measured: about 120-146 MB resident, first getUpdates in about 1 s with the
# archive; about 1,000 updates a second at the edge, far above what Telegram lets a bot send (~30 messages/s).
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-Xss512k", "-Xmx64m", "-XX:TieredStopAtLevel=1", \
            "-XX:SharedArchiveFile=/app/backtriage.jsa", "-jar", "/app/backtriage.jar"]
CMD ["bot"]
