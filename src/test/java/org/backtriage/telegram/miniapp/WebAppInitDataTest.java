package org.backtriage.telegram.miniapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.backtriage.telegram.miniapp.WebAppInitData.Refusal;
import org.junit.jupiter.api.Test;

class WebAppInitDataTest {
    static final String TOKEN = "123456789:AAtestTokenForTheMiniAppCheck_abcdefgh";
    static final Instant NOW = Instant.parse("2026-12-02T01:00:00Z");
    final WebAppInitData check = new WebAppInitData(TOKEN);

    @Test
    void initDataSignedWithTheBotsTokenPassesWithThePersonFromItsUserField() {
        WebAppInitData.Checked checked = check.check(SignedInitData.of(TOKEN, 4242, NOW.minusSeconds(30)), NOW);

        assertThat(checked.refusal()).isEmpty();
        WebAppInitData.Signed signed = checked.signed().orElseThrow();
        assertThat(signed.userId()).isEqualTo(4242);
        assertThat(signed.languageCode()).contains("es");
        assertThat(signed.authDate()).isEqualTo(NOW.minusSeconds(30));
        assertThat(signed.hash()).isEqualTo(SignedInitData.hash(TOKEN, SignedInitData.typical(4242, NOW.minusSeconds(30))));
    }

    @Test
    void fieldsInAnyOrderAndTheNewerSignatureFieldStillPass() {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("user", "{\"id\":7,\"first_name\":\"Jo\"}");
        fields.put("signature", "c2lnbmVkIGJ5IFRlbGVncmFt");
        fields.put("chat_instance", "-8036000000000000000");
        fields.put("auth_date", Long.toString(NOW.getEpochSecond()));
        String initData = SignedInitData.query(fields, SignedInitData.hash(TOKEN, fields));

        assertThat(check.check(initData, NOW).signed().map(WebAppInitData.Signed::userId)).contains(7L);
    }

    @Test
    void forgedHashFails() {
        Map<String, String> fields = SignedInitData.typical(4242, NOW);
        String forged = SignedInitData.query(fields, SignedInitData.hash("987654321:AAanotherBotsTokenxxxxxxxxxxxxxxxxx", fields));

        assertThat(check.check(forged, NOW).refusal()).contains(Refusal.BAD_HASH);
        assertThat(check.check(SignedInitData.query(fields, "00".repeat(32)), NOW).refusal()).contains(Refusal.BAD_HASH);
        assertThat(check.check(SignedInitData.query(fields, "not-hex"), NOW).refusal()).contains(Refusal.BAD_HASH);
    }

    @Test
    void aChangedFieldFails() {
        Map<String, String> fields = SignedInitData.typical(4242, NOW);
        String hash = SignedInitData.hash(TOKEN, fields);
        fields.put("user", fields.get("user").replace("\"id\":4242", "\"id\":4243"));

        assertThat(check.check(SignedInitData.query(fields, hash), NOW).refusal()).contains(Refusal.BAD_HASH);
    }

    @Test
    void anAddedFieldFails() {
        Map<String, String> fields = SignedInitData.typical(4242, NOW);
        String hash = SignedInitData.hash(TOKEN, fields);
        fields.put("start_param", "x");

        assertThat(check.check(SignedInitData.query(fields, hash), NOW).refusal()).contains(Refusal.BAD_HASH);
    }

    @Test
    void anOldAuthDateFails() {
        String old = SignedInitData.of(TOKEN, 4242, NOW.minus(WebAppInitData.MAX_AGE).minusSeconds(1));
        String justInTime = SignedInitData.of(TOKEN, 4242, NOW.minus(WebAppInitData.MAX_AGE));

        assertThat(check.check(old, NOW).refusal()).contains(Refusal.EXPIRED);
        assertThat(check.check(justInTime, NOW).refusal()).isEmpty();
    }

    @Test
    void anAuthDateFromTheFutureBeyondClockSkewFails() {
        String future = SignedInitData.of(TOKEN, 4242, NOW.plus(WebAppInitData.CLOCK_SKEW).plus(Duration.ofSeconds(1)));

        assertThat(check.check(future, NOW).refusal()).contains(Refusal.EXPIRED);
    }

    @Test
    void aMissingHashFails() {
        String unsigned = SignedInitData.sign(TOKEN, SignedInitData.typical(4242, NOW)).replaceAll("&hash=[0-9a-f]+$", "");

        assertThat(check.check(unsigned, NOW).refusal()).contains(Refusal.NO_HASH);
        assertThat(check.check(unsigned + "&hash=", NOW).refusal()).contains(Refusal.NO_HASH);
    }

    @Test
    void missingOrMalformedInitDataFails() {
        assertThat(check.check("", NOW).refusal()).contains(Refusal.MISSING);
        assertThat(check.check(null, NOW).refusal()).contains(Refusal.MISSING);
        assertThat(check.check("auth_date", NOW).refusal()).contains(Refusal.MALFORMED);
        assertThat(check.check("a=1&a=2&hash=00", NOW).refusal()).contains(Refusal.MALFORMED);
        assertThat(check.check("user=%zz&hash=00", NOW).refusal()).contains(Refusal.MALFORMED);
    }

    @Test
    void aSignedInitDataWithoutAUserFails() {
        Map<String, String> fields = SignedInitData.typical(4242, NOW);
        fields.remove("user");

        assertThat(check.check(SignedInitData.sign(TOKEN, fields), NOW).refusal()).contains(Refusal.NO_USER);
        fields.put("user", "{\"first_name\":\"no id\"}");
        assertThat(check.check(SignedInitData.sign(TOKEN, fields), NOW).refusal()).contains(Refusal.NO_USER);
    }

    @Test
    void theResultNeverCarriesTheToken() {
        assertThat(check.check(SignedInitData.of(TOKEN, 1, NOW), NOW).toString()).doesNotContain(TOKEN)
                .doesNotContain(TOKEN.substring(TOKEN.indexOf(':') + 1));
        assertThat(Optional.of(check).toString()).doesNotContain(TOKEN);
    }
}
