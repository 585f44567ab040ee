package org.backtriage.store;

import java.util.List;
import java.util.Map;

/**
 * The rows a store holds, read past its interface: what the contract checks that no method of
 * {@link org.backtriage.chat.SessionStore} shows. Each store's test reads them its own way.
 */
public interface StoredRows {

    /** The chat ids of the saved sessions, in order. */
    List<String> sessionChats();

    /** The chat's saved answers as the store writes them: {@code question=option,option;question=option}. */
    List<String> sessionAnswers(long chatId);

    /** The processed update ids, in order. */
    List<String> processedUpdateIds();

    /** The processed updates as {@code updateId/chatId}, {@code -} for one kept without its chat; by update id. */
    List<String> processedUpdates();

    /** The chat id of each reply in the outbox, in the order they are sent. */
    List<String> outboxChats();

    /** For every table with a chat id column, by name: how many of its rows are about {@code chatId}. */
    Map<String, Long> rowsAbout(long chatId);
}
