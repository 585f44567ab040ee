package org.backtriage.telegram.miniapp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A Mini App's initData signed as Telegram signs it, for tests: the fields given, their hash
 * computed with the bot's token by Telegram's documented algorithm, written as the URL-encoded
 * query string the page gets.
 */
public final class SignedInitData {
    private SignedInitData() {
    }

    /** A typical initData of person {@code userId}, signed at {@code authDate} for the bot with {@code token}. */
    public static String of(String token, long userId, Instant authDate) {
        return sign(token, typical(userId, authDate));
    }

    /** The fields of a typical initData opened from an inline button: query_id, user, auth_date. */
    public static Map<String, String> typical(long userId, Instant authDate) {
        Map<String, String> fields = new TreeMap<>();
        fields.put("query_id", "AAHdF6IQAAAAAN0XohDhrOrc" + userId);
        fields.put("user", "{\"id\":" + userId + ",\"first_name\":\"Ana\",\"last_name\":\"\",\"language_code\":\"es\","
                + "\"allows_write_to_pm\":true}");
        fields.put("auth_date", Long.toString(authDate.getEpochSecond()));
        return fields;
    }

    /** {@code fields} with their hash, as a query string. */
    public static String sign(String token, Map<String, String> fields) {
        return query(fields, hash(token, fields));
    }

    /** The hash Telegram gives {@code fields} for the bot with {@code token}. */
    public static String hash(String token, Map<String, String> fields) {
        byte[] secret = WebAppInitData.hmac("WebAppData".getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
        StringJoiner dataCheck = new StringJoiner("\n");
        new TreeMap<>(fields).forEach((key, value) -> dataCheck.add(key + "=" + value));
        return HexFormat.of().formatHex(WebAppInitData.hmac(secret, dataCheck.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code fields} and {@code hash} as a URL-encoded query string. */
    public static String query(Map<String, String> fields, String hash) {
        StringJoiner query = new StringJoiner("&");
        fields.forEach((key, value) -> query.add(key + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return query.add("hash=" + hash).toString();
    }
}
