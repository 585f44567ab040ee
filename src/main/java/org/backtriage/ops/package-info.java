/**
 * The operator endpoint: {@code OpsServer} serves {@code GET /healthz} ({@code Health}: the
 * database answers and a poll for updates succeeded lately) and {@code GET /metrics}
 * ({@code Monitoring}: the chat's {@code Telemetry} as Micrometer metrics in Prometheus text) on a
 * {@code BoundedHttpServer} that slow or stalled clients cannot tie up; {@code HealthProbe} is the
 * Docker image's health check client. The only package that touches Micrometer or serves HTTP;
 * imports chat (Telemetry), logging (to mask tokens in a reason), Micrometer, SLF4J and the JDK.
 */
package org.backtriage.ops;
