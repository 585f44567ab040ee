/**
 * Replies out: the outbox delivered to Telegram, paced and in order. {@code SendQueue} is where
 * the intakes, the body map's answers and the check-in rounds hand what is to be sent;
 * {@code LeasedSending} sends only while this instance holds the sender's lease (cluster's
 * {@code LeaseKeeper}), with a {@code Sender} of its own per holding, fenced by the lease, and the
 * rows other instances wrote merged in from the store's signal and a rescan. The {@code Sender}:
 * a virtual thread per chat with replies, looping over its {@code Lane} (the chat's queue in id
 * order, one call in flight); {@code ReplyDelivery} (one reply, however long it takes: its
 * press's answer, the paces, a sure lease, the {@code MessageCall}, tries again as {@code Next}
 * says, after {@code RetryPolicy}'s checks and a {@code CappedBackOff}); {@code PressAnswers}
 * (each chat's answers to presses, on a thread of their own); {@code TokenBucket} and
 * {@code FairPace} (Telegram's limits: one fair line for the bot-wide pace) on {@code Timing};
 * {@code SentReplies} (batched removal from the outbox); {@code SenderOptions},
 * {@code SenderLease}, and {@code Tuning}, the adapter's timings and limits. It may import the
 * Bot API client ({@code telegram.client}), chat (the outbox and its replies), cluster (the
 * sender's lease), logging, SLF4J and the JDK; never {@code org.telegram} nor OkHttp, nor
 * another room of the adapter or its front.
 */
package org.backtriage.telegram.sending;
