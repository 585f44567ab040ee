package org.backtriage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The dependency rules of the house style: a pure domain, adapters at the edge; and rooms of a readable size. */
class ArchitectureTest {
    /** Issue 11: no file in src/main over about 300 lines; past this one it is split along its seams. */
    static final int MAX_LINES = 350;
    static final Path MAIN_SOURCES = Path.of("src", "main", "java");
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.backtriage");

    @Test
    void triageDomainUsesOnlyTheJdkAndItself() {
        classes().that().resideInAPackage("org.backtriage.triage..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.backtriage.triage..", "java..")
                .check(CLASSES);
    }

    @Test
    void triageDomainDoesNoIo() {
        noClasses().that().resideInAPackage("org.backtriage.triage..")
                .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio.file..", "java.net..", "java.sql..")
                .check(CLASSES);
    }

    @Test
    void onlyTheStoreTouchesJdbc() {
        noClasses().that().resideOutsideOfPackage("org.backtriage.store..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.sqlite..", "org.postgresql..",
                        "com.zaxxer.hikari..", "org.flywaydb..")
                .check(CLASSES);
    }

    @Test
    void onlyTheTelegramAdapterTouchesTelegram() {
        noClasses().that().resideOutsideOfPackage("org.backtriage.telegram..")
                .should().dependOnClassesThat().resideInAnyPackage("org.telegram..", "okhttp3..")
                .check(CLASSES);
    }

    @Test
    void onlyTheOperatorEndpointTouchesMetricsAndHttpServing() {
        noClasses().that().resideOutsideOfPackage("org.backtriage.ops..")
                .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..", "com.sun.net.httpserver..")
                .check(CLASSES);
        classes().that().resideInAPackage("org.backtriage.ops..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.backtriage.ops..", "org.backtriage.chat..",
                        "org.backtriage.logging..", "org.backtriage.http..", "io.micrometer..", "org.eclipse.jetty..",
                        "org.slf4j..", "java..")
                .check(CLASSES);
    }

    /**
     * The http package builds the HTTP servers; the operator endpoint, the webhook (in the Telegram
     * adapter) and the body map's Mini App are handlers on them, and the entry point hands them over.
     */
    @Test
    void onlyTheHttpServersAndTheirHandlersTouchJetty() {
        noClasses().that().resideOutsideOfPackages("org.backtriage.http..", "org.backtriage.ops..",
                        "org.backtriage.telegram..", "org.backtriage")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..")
                .check(CLASSES);
        noClasses().that().resideOutsideOfPackage("org.backtriage.http..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.eclipse.jetty.server.Server")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.eclipse.jetty.server.ServerConnector")
                .check(CLASSES);
    }

    @Test
    void chatDependsOnTheDomainOnly() {
        classes().that().resideInAPackage("org.backtriage.chat..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.backtriage.chat..", "org.backtriage.triage..", "java..")
                .check(CLASSES);
    }

    @Test
    void adaptersDoNotKnowEachOther() {
        String[] adapters = {"org.backtriage.telegram..", "org.backtriage.console..", "org.backtriage.store.."};
        for (String adapter : adapters) {
            noClasses().that().resideInAPackage(adapter)
                    .should().dependOnClassesThat().resideInAnyPackage(java.util.Arrays.stream(adapters)
                            .filter(other -> !other.equals(adapter)).toArray(String[]::new))
                    .check(CLASSES);
        }
    }

    @Test
    void theConsoleTalksToTheChatOnly() {
        classes().that().resideInAPackage("org.backtriage.console..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.backtriage.console..", "org.backtriage.chat..",
                        "org.backtriage.triage..", "java..")
                .check(CLASSES);
    }

    @Test
    void configurationBuildsTheDomainFromFilesAndTheEnvironment() {
        classes().that().resideInAPackage("org.backtriage.config..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.backtriage.config..", "org.backtriage.triage..",
                        "org.backtriage.logging..", "com.fasterxml.jackson..", "org.slf4j..", "java..")
                .check(CLASSES);
    }

    @Test
    void loggingKnowsNoOtherPackageOfOursSoAnyMayUseIt() {
        classes().that().resideInAPackage("org.backtriage.logging..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.backtriage.logging..", "ch.qos.logback..",
                        "com.fasterxml.jackson..", "org.slf4j..", "java..")
                .check(CLASSES);
    }

    @Test
    void onlyStopSignalsUsesTheJdksUnsupportedSignals() {
        noClasses().that().doNotHaveFullyQualifiedName("org.backtriage.StopSignals")
                .should().dependOnClassesThat().resideInAnyPackage("sun.misc..", "jdk.internal..")
                .check(CLASSES);
    }

    /** The entry point (Main, BotRunner and their parts) knows every package; none knows it. */
    @Test
    void nothingButTheEntryPointKnowsEveryPackage() {
        noClasses().that().resideOutsideOfPackage("org.backtriage")
                .should().dependOnClassesThat().resideInAPackage("org.backtriage")
                .check(CLASSES);
    }

    /** Issue 20: the arrows point down from the entry point; nothing calls back up into Main. */
    @Test
    void nothingDependsOnMain() {
        noClasses().that().doNotHaveFullyQualifiedName(Main.class.getName())
                .should().dependOnClassesThat().haveFullyQualifiedName(Main.class.getName())
                .check(CLASSES);
    }

    /** Issue 20: running several instances is a room of its own, below the adapters and the stores. */
    @Test
    void theClusterKnowsTheOutboxItFencesAndNoAdapter() {
        classes().that().resideInAPackage("org.backtriage.cluster..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.backtriage.cluster..", "org.backtriage.chat..",
                        "org.backtriage.logging..", "org.slf4j..", "java..")
                .check(CLASSES);
    }

    @Test
    void noSourceFileIsLongerThan350Lines() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            sources = files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        }
        List<String> tooLong = new ArrayList<>();
        for (Path source : sources) {
            long lines = lineCount(source);
            if (lines > MAX_LINES) {
                tooLong.add(MAIN_SOURCES.relativize(source) + " has " + lines + " lines");
            }
        }

        assertThat(sources).as("the Java files under " + MAIN_SOURCES).isNotEmpty();
        assertThat(tooLong).as("files over " + MAX_LINES + " lines: split them along their seams").isEmpty();
    }

    private static long lineCount(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        }
    }

    // Issue 20: the Telegram adapter's rooms

    /** One place serves HTTP, for the operator and the public surfaces alike, and knows none of them. */
    @Test
    void theHttpServerKnowsTheTelemetryAndNoneOfWhatItServes() {
        classes().that().resideInAPackage("org.backtriage.http..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.backtriage.http..", "org.backtriage.chat..",
                        "org.backtriage.logging..", "org.eclipse.jetty..", "org.slf4j..", "java..")
                .check(CLASSES);
    }

    /** The Bot API client is the adapter's lowest room: it knows no other, nor the adapter's front. */
    @Test
    void theBotApiClientKnowsNoOtherRoom() {
        classes().that().resideInAPackage("org.backtriage.telegram.client..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.backtriage.telegram.client..",
                        "org.backtriage.chat..", "org.backtriage.logging..", "com.fasterxml.jackson..", "okhttp3..",
                        "org.telegram..", "java..")
                .check(CLASSES);
    }

    /** Sending stands on the Bot API client alone, and needs neither the library nor OkHttp. */
    @Test
    void sendingKnowsTheBotApiClientAndNoOtherRoom() {
        classes().that().resideInAPackage("org.backtriage.telegram.sending..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.backtriage.telegram.sending..",
                        "org.backtriage.telegram.client..", "org.backtriage.chat..", "org.backtriage.cluster..",
                        "org.backtriage.logging..", "org.slf4j..", "java..")
                .check(CLASSES);
    }

    /** Updates in: both intakes stand on the client, hand replies to the sending and are served by the http package. */
    @Test
    void theIntakesKnowTheClientTheSendingAndTheHttpServer() {
        classes().that().resideInAPackage("org.backtriage.telegram.intake..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.backtriage.telegram.intake..",
                        "org.backtriage.telegram.client..", "org.backtriage.telegram.sending..", "org.backtriage.http..",
                        "org.backtriage.chat..", "org.backtriage.logging..", "com.fasterxml.jackson..", "okhttp3..",
                        "org.telegram..", "org.eclipse.jetty..", "org.slf4j..", "java..")
                .check(CLASSES);
    }

    /** The library and OkHttp stay in the two rooms that talk HTTP to Telegram: the client and the intakes. */
    @Test
    void onlyTheClientAndTheIntakesTouchTheLibraryAndOkHttp() {
        noClasses().that().resideOutsideOfPackages("org.backtriage.telegram.client..", "org.backtriage.telegram.intake..")
                .should().dependOnClassesThat().resideInAnyPackage("org.telegram..", "okhttp3..")
                .check(CLASSES);
    }

    /** The body map's Mini App hands its replies to the sending and is served by the http package; it calls no Bot API. */
    @Test
    void theMiniAppKnowsTheSendingAndTheHttpServer() {
        classes().that().resideInAPackage("org.backtriage.telegram.miniapp..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.backtriage.telegram.miniapp..",
                        "org.backtriage.telegram.sending..", "org.backtriage.http..", "org.backtriage.chat..",
                        "org.backtriage.logging..", "com.fasterxml.jackson..", "org.eclipse.jetty..", "org.slf4j..", "java..",
                        "javax.crypto..")
                .check(CLASSES);
    }
}
