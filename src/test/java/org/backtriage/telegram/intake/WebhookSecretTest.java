package org.backtriage.telegram.intake;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/** The webhook's secret check: how long a refusal takes shows neither where a wrong secret differs nor how long the right one is. */
class WebhookSecretTest {
    @Test
    void theSecretIsComparedInConstantTime() {
        JavaClasses secret = new ClassFileImporter().importClasses(WebhookSecret.class);

        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes().that().haveSimpleName("WebhookSecret")
                .should().callMethod(MessageDigest.class, "isEqual", byte[].class, byte[].class)
                .check(secret);
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses().that().haveSimpleName("WebhookSecret")
                .should().callMethod(String.class, "equals", Object.class)
                .orShould().callMethod(java.util.Arrays.class, "equals", byte[].class, byte[].class)
                .check(secret);
    }
}
