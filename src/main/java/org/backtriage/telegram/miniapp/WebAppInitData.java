package org.backtriage.telegram.miniapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Mini App's {@code initData}, checked as Telegram documents it ("Validating data received via
 * the Mini App"): the data-check-string is every field but {@code hash}, as {@code key=value}
 * (values URL-decoded), sorted by key and joined by line feeds; the secret key is
 * HMAC-SHA-256 of the bot token keyed with "WebAppData"; {@code hash} must be the hex
 * HMAC-SHA-256 of the data-check-string keyed with that secret, compared in constant time; and
 * {@code auth_date} must be at most {@link #MAX_AGE} old. The person is read from the signed
 * {@code user} field only. Pure: the clock is the caller's.
 */
final class WebAppInitData {
    /** How old a signed initData may be: the map is answered within minutes of opening it. */
    static final Duration MAX_AGE = Duration.ofMinutes(10);
    /** A little clock difference between Telegram's servers and this one is forgiven. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] secretKey;

    /** For the bot with {@code token}; the token itself is not kept. */
    WebAppInitData(String token) {
        this.secretKey = hmac("WebAppData".getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    /** A signed initData: the person's Telegram user id, their app language, when Telegram signed it, and its hash. */
    record Signed(long userId, Optional<String> languageCode, Instant authDate, String hash) {
    }

    /** Why an initData was refused; the name is what the page is told. */
    enum Refusal {
        MISSING, MALFORMED, NO_HASH, BAD_HASH, EXPIRED, NO_USER
    }

    /** The check's result: signed, or why not. */
    record Checked(Optional<Signed> signed, Optional<Refusal> refusal) {
        static Checked refused(Refusal why) {
            return new Checked(Optional.empty(), Optional.of(why));
        }
    }

    /** Checks {@code initData}, the raw query string the Mini App was given, at {@code now}. */
    Checked check(String initData, Instant now) {
        if (initData == null || initData.isBlank()) {
            return Checked.refused(Refusal.MISSING);
        }
        Optional<Map<String, String>> read = fields(initData);
        if (read.isEmpty()) {
            return Checked.refused(Refusal.MALFORMED);
        }
        Map<String, String> fields = read.get();
        String hash = fields.remove("hash");
        if (hash == null || hash.isEmpty()) {
            return Checked.refused(Refusal.NO_HASH);
        }
        StringBuilder dataCheck = new StringBuilder();
        fields.forEach((key, value) -> dataCheck.append(dataCheck.length() == 0 ? "" : "\n").append(key).append('=').append(value));
        byte[] expected = hmac(secretKey, dataCheck.toString().getBytes(StandardCharsets.UTF_8));
        byte[] given = hexOrEmpty(hash);
        // isEqual takes the same time wherever the bytes differ; a hash of the wrong length is simply not equal.
        if (!MessageDigest.isEqual(expected, given)) {
            return Checked.refused(Refusal.BAD_HASH);
        }
        Optional<Instant> signedAt = epochSeconds(fields.get("auth_date"));
        if (signedAt.isEmpty() || signedAt.get().isBefore(now.minus(MAX_AGE)) || signedAt.get().isAfter(now.plus(CLOCK_SKEW))) {
            return Checked.refused(Refusal.EXPIRED);
        }
        Optional<JsonNode> user = user(fields.get("user"));
        if (user.isEmpty()) {
            return Checked.refused(Refusal.NO_USER);
        }
        Optional<String> language = Optional.of(user.get().path("language_code")).filter(JsonNode::isTextual).map(JsonNode::asText);
        return new Checked(Optional.of(new Signed(user.get().get("id").asLong(), language, signedAt.get(), hash.toLowerCase(java.util.Locale.ROOT))),
                Optional.empty());
    }

    /** The fields, sorted by key, values URL-decoded once; empty when a pair is malformed or a key repeats. */
    private static Optional<Map<String, String>> fields(String initData) {
        Map<String, String> fields = new TreeMap<>();
        for (String pair : initData.split("&", -1)) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                return Optional.empty();
            }
            try {
                String key = URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                if (fields.put(key, value) != null) {
                    return Optional.empty();
                }
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.of(fields);
    }

    private static Optional<Instant> epochSeconds(String text) {
        if (text == null || !text.matches("[0-9]{1,12}")) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochSecond(Long.parseLong(text)));
    }

    private static Optional<JsonNode> user(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            JsonNode user = JSON.readTree(text);
            return user != null && user.isObject() && user.path("id").canConvertToLong() && user.get("id").asLong() > 0
                    ? Optional.of(user) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static byte[] hexOrEmpty(String hex) {
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
