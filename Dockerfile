# Build stage: compile and package the fat jar (tests run in CI, not here).
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
# Only what the bot reads from config/ (the tree and its message bundles), never the operator's
# config/backtriage.properties, which may hold the token; .dockerignore keeps it out of the context too.
COPY config/triage-tree.json config/messages_*.properties config/
COPY src/main src/main
RUN mvn -B -q -DskipTests package
# SQLite's native library for this platform, out of the jar once here: otherwise the driver copies
# it to /tmp and checksums it at every start (about a tenth of a second, and a file left behind
# whenever the process is killed).
RUN mkdir -p target/native && cd target/native \
    && jar xf ../backtriage.jar "org/sqlite/native/$(java -cp ../backtriage.jar org.sqlite.util.OSInfo)/libsqlitejdbc.so" \
    && mv org/sqlite/native/*/*/libsqlitejdbc.so . && rm -r org

# Run stage: a JRE only, a non-root user, the database on a volume.
FROM eclipse-temurin:25-jre
RUN useradd --system --uid 10001 --home-dir /app backtriage \
    && mkdir -p /app /data && chown backtriage /data
WORKDIR /app
COPY --from=build /src/target/backtriage.jar /app/backtriage.jar
COPY --from=build /src/target/native /app/native
# JDK 25's ahead-of-time cache (JEP 514): a training run records the classes it loaded and
# linked, and at its exit writes a cache this same JRE maps at start-up instead of loading and
# linking them again. The methods' profiles (JEP 515) are left out: they serve the optimising
# compiler, which TieredStopAtLevel=1 turns off, and would only make the JVM compile at start-up
# what the training found hot (README, BENCHMARKS.md). The run is the bot's own start (settings, tree,
# Jackson, logging, SQLite, the Telegram client and its first calls), against an address where no
# Bot API answers, stopped by SIGTERM after a few seconds of retrying; the token has a bot token's
# shape only. The flags are the entry point's, without the cache (a cache is only used with the
# flags it was trained with); the operator endpoint is on, as below.
RUN BACKTRIAGE_DB=/tmp/aot.db BACKTRIAGE_HTTP_PORT=8080 TELEGRAM_API_URL=http://127.0.0.1:9 \
        TELEGRAM_BOT_TOKEN=123456789:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA \
        timeout --preserve-status -s TERM 6 java -XX:+UseSerialGC -Xss512k -Xms8m -Xmx28m -XX:TieredStopAtLevel=1 \
        -Dorg.sqlite.lib.path=/app/native -Dorg.sqlite.lib.name=libsqlitejdbc.so \
        -XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining \
        -XX:AOTCacheOutput=/app/backtriage.aot -jar /app/backtriage.jar bot > /dev/null 2>&1 \
    && test -s /app/backtriage.aot && rm -f /tmp/aot.db*
USER backtriage
ENV BACKTRIAGE_DB=/data/backtriage.db
VOLUME ["/data"]
# Operator endpoint: GET /healthz and GET /metrics. The bot alone listens on 127.0.0.1; here it
# listens on every interface of the container (0.0.0.0) so that -p can publish the port: publish it
# only to your monitoring network.
ENV BACKTRIAGE_HTTP_PORT=8080
ENV BACKTRIAGE_HTTP_HOST=0.0.0.0
EXPOSE 8080
# Webhook mode (BACKTRIAGE_MODE=webhook, with BACKTRIAGE_WEBHOOK_SECRET): POST /telegram on 8443,
# plain HTTP for the TLS proxy in front. The bot alone listens on 127.0.0.1; here on every
# interface of the container (0.0.0.0), so the proxy can reach it: publish 8443 only to the proxy.
ENV BACKTRIAGE_WEBHOOK_HOST=0.0.0.0
EXPOSE 8443
# The JRE image has no curl, so the probe is a class in the jar (exit 0 on HTTP 200, else 1).
# The start period covers JVM start-up; /healthz itself gives the first poll 3 minutes.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx16m -cp /app/backtriage.jar \
        org.backtriage.ops.HealthProbe "http://127.0.0.1:${BACKTRIAGE_HTTP_PORT}/healthz" || exit 1
# TELEGRAM_BOT_TOKEN comes from the environment at run time: docker run -e TELEGRAM_BOT_TOKEN ...
# The flags BENCHMARKS.md measured (README says why the heap's cap): about 113 MB resident at
# most, the first getUpdates in about 0.6 s with the AOT cache; over 1,000 updates a second at
# saturation, far above what Telegram lets a bot send (~30 messages/s).
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-Xss512k", "-Xms8m", "-Xmx28m", "-XX:TieredStopAtLevel=1", \
            "-Dorg.sqlite.lib.path=/app/native", "-Dorg.sqlite.lib.name=libsqlitejdbc.so", \
            "-XX:AOTCache=/app/backtriage.aot", "-jar", "/app/backtriage.jar"]
CMD ["bot"]
