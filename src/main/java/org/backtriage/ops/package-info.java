/**
 * The operator endpoint and the HTTP server under it: {@code OpsServer} serves {@code GET /healthz}
 * ({@code Health}: the database answers and updates reach the bot: a poll succeeded lately, or
 * webhook requests or getWebhookInfo say Telegram reaches it) and {@code GET /metrics}
 * ({@code Monitoring}: the chat's {@code Telemetry} as Micrometer metrics in Prometheus text) on an
 * {@code HttpServer} (Jetty, its core Handler API) that slow or stalled clients cannot tie up, the
 * two operator paths on threads of their own beside what else it serves (the body map), and no
 * dot segment in any path ({@code DotSegments}); the webhook stands on an {@code HttpServer} of its own. {@code HealthProbe} is the Docker image's
 * health check client. The only package that builds an HTTP server or touches Micrometer;
 * imports chat (Telemetry), logging (to mask tokens in a reason), Jetty, Micrometer, SLF4J and the JDK.
 */
package org.backtriage.ops;
