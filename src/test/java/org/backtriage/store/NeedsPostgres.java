package org.backtriage.store;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class that runs on a real PostgreSQL server (see {@link TestPostgres}): skipped where
 * {@code BACKTRIAGE_TEST_POSTGRES} is not set, saying once how to run it. CI sets it, and fails
 * when these classes were skipped.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NeedsPostgres.Condition.class)
public @interface NeedsPostgres {
    String HOW = TestPostgres.VARIABLE + " is not set, so the PostgreSQL tests are skipped; run them with a"
            + " throwaway PostgreSQL server: bash .ci/postgres.sh mvn -B verify";

    /** Runs the class when the server is named; otherwise skips it, and says so on the console the first time. */
    final class Condition implements ExecutionCondition {
        public Condition() {
        }

        private static final AtomicBoolean SAID = new AtomicBoolean();

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String url = System.getenv(TestPostgres.VARIABLE);
            if (url != null && !url.isBlank()) {
                return ConditionEvaluationResult.enabled(TestPostgres.VARIABLE + " is set");
            }
            if (SAID.compareAndSet(false, true)) {
                System.err.println("[NOTE] " + HOW);
            }
            return ConditionEvaluationResult.disabled(HOW);
        }
    }
}
