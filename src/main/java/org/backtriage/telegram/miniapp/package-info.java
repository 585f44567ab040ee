/**
 * The body map's Mini App, one object for the operator's HTTP server to serve: {@code MiniApp},
 * which BotRunner builds with what the bot exposes (where its replies go, the webhook's tally of
 * refusals) and hands to the operator endpoint. {@code BodyMapPage}: the page's files from the jar
 * ({@code GET /bodymap/...}, with its security headers). {@code BodyMapAnswers}:
 * {@code POST /bodymap/answer}, the places a person marked, in one transaction, their replies to
 * the sending's {@code SendQueue}; the person is the one Telegram signed the post's initData for
 * ({@code WebAppInitData}, Telegram's documented check). It may import the sending's
 * {@code SendQueue}, http ({@code HttpServer}'s plain answers, {@code RequestBody},
 * {@code Rejections}), chat, logging, Jackson, Jetty's handler API, SLF4J and the JDK; never
 * {@code org.telegram} nor OkHttp, nor the intakes, the client or the adapter's front.
 */
package org.backtriage.telegram.miniapp;
