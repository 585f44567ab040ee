package org.backtriage.telegram.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The secret Telegram sends in {@code X-Telegram-Bot-Api-Secret-Token} with every webhook
 * request, checked in constant time: both sides are hashed to 32 bytes first and compared with
 * {@link MessageDigest#isEqual}, so neither where they differ nor how long the right one is shows
 * in the time a refusal takes.
 */
public final class WebhookSecret {
    public static final String HEADER = "X-Telegram-Bot-Api-Secret-Token";

    private final byte[] expected;

    WebhookSecret(String secret) {
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("webhook secret is empty");
        }
        this.expected = sha256(secret);
    }

    /** Whether {@code given} (the header, when the request has one) is the secret. */
    boolean matches(Optional<String> given) {
        // A missing header is compared too, so it takes as long as a wrong one.
        byte[] hash = sha256(given.orElse(""));
        return MessageDigest.isEqual(expected, hash) && given.isPresent();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
