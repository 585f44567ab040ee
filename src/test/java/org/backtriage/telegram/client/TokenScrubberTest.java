package org.backtriage.telegram.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class TokenScrubberTest {
    private static final String TOKEN = "123456789:AAHsecretSECRETsecret-abc_def";
    private final TokenScrubber scrubber = new TokenScrubber(TOKEN);

    @Test
    void textLosesTheToken() {
        assertThat(scrubber.scrub("POST https://api.telegram.org/bot" + TOKEN + "/sendMessage failed"))
                .isEqualTo("POST https://api.telegram.org/bot<token>/sendMessage failed");
    }

    @Test
    void anyTokenShapedTextIsMaskedAsTheLogsMaskIt() {
        String other = "987654321:AAHanotherTOKENwithTHEshapeOFone_x9";

        assertThat(scrubber.scrub("token " + other + " and /botanything/getMe"))
                .isEqualTo("token <token> and /bot<token>/getMe");
    }

    @Test
    void exceptionWithAnotherTokenShapedTextIsCopiedWithoutIt() {
        IllegalStateException failure = new IllegalStateException("wrong token 987654321:AAHanotherTOKENwithTHEshapeOFone_x9");

        assertThat(scrubber.scrub(failure).getMessage()).isEqualTo("java.lang.IllegalStateException: wrong token <token>");
    }

    @Test
    void exceptionChainLosesTheTokenButKeepsClassesAndStackTraces() {
        IOException cause = new IOException("cannot reach /bot" + TOKEN + "/getUpdates");
        IllegalStateException failure = new IllegalStateException("call failed", cause);

        Throwable scrubbed = scrubber.scrub(failure);

        assertThat(scrubbed.getMessage()).isEqualTo("java.lang.IllegalStateException: call failed");
        assertThat(scrubbed.getStackTrace()).isEqualTo(failure.getStackTrace());
        assertThat(scrubbed.getCause().getMessage()).isEqualTo("java.io.IOException: cannot reach /bot<token>/getUpdates");
        assertThat(scrubbed.getCause().getStackTrace()).isEqualTo(cause.getStackTrace());
    }

    @Test
    void exceptionWithoutTheTokenIsKeptAsItIs() {
        IllegalStateException failure = new IllegalStateException("database is locked", new IOException("disk"));

        assertThat(scrubber.scrub(failure)).isSameAs(failure);
    }

    @Test
    void tokenInASuppressedExceptionIsNotKept() {
        IllegalStateException failure = new IllegalStateException("closing failed");
        failure.addSuppressed(new IOException("url /bot" + TOKEN + "/x"));

        Throwable scrubbed = scrubber.scrub(failure);

        assertThat(scrubbed.getSuppressed()).isEmpty();
        assertThat(scrubbed.getMessage()).doesNotContain(TOKEN);
    }
}
