/**
 * The one place the bot serves HTTP, for both its public surfaces and the operator: {@code HttpServer}
 * (Jetty, its core Handler API) that slow or stalled clients cannot tie up (timeouts, requests at
 * once, waiting, bind host; paths served apart on threads of their own), with {@code DotSegments}
 * (no {@code .} or {@code ..} in any path, however encoded), and {@code HttpServerException}
 * when it cannot listen. The operator endpoint (ops) stands on one, the webhook on another. For the
 * handlers of the public surfaces (the webhook, the body map's answers): {@code RequestBody} (a
 * body read whole within 5 s, up to a size) and {@code Rejections} (refusals counted, and logged
 * at most one a minute with a summary of the rest). The only package that builds a Jetty server;
 * imports chat (Telemetry), logging, Jetty, SLF4J and the JDK, and nothing of the Telegram adapter.
 */
package org.backtriage.http;
