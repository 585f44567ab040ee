/**
 * The operator endpoint: {@code OpsServer} serves {@code GET /healthz} ({@code Health}: the
 * database answers and updates reach the bot: a poll succeeded lately, or webhook requests or
 * getWebhookInfo say Telegram reaches it) and {@code GET /metrics} ({@code Monitoring}: the chat's
 * {@code Telemetry} as Micrometer metrics in Prometheus text) on an {@code HttpServer} of the http
 * package, the two operator paths on threads of their own beside whatever other handlers it is
 * given (the body map's Mini App). {@code HealthProbe} is the Docker image's health check client.
 * The only package that touches Micrometer; imports chat (Telemetry), logging (to mask tokens in a
 * reason), http, Jetty's handler API, Micrometer, SLF4J and the JDK; never the Telegram adapter.
 */
package org.backtriage.ops;
