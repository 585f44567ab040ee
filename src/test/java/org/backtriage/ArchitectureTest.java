package org.backtriage;

import static com.tngtech.archunit.base.DescribedPredicate.anyElementThat;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noCodeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
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
import org.backtriage.http.Rejections;
import org.backtriage.store.StoreException;
import org.backtriage.store.postgres.PostgresSessionStore;
import org.backtriage.store.sqlite.SqliteLibrary;
import org.backtriage.store.sqlite.SqliteSessionStore;
import org.backtriage.telegram.TelegramBot;
import org.backtriage.telegram.WebhookBot;
import org.backtriage.telegram.sending.CappedBackOff;
import org.backtriage.telegram.sending.SendQueue;
import org.junit.jupiter.api.Test;

/** The dependency rules of the house style: a pure domain, adapters at the edge; and rooms of a readable size. */
class ArchitectureTest {
    /** Issue 11: no file in src/main over about 300 lines; past this one it is split along its seams. */
    static final int MAX_LINES = 350;
    static final Path MAIN_SOURCES = Path.of("src", "main", "java");
    static final String FRONT = "org.backtriage.telegram";
    static final String CLIENT = "org.backtriage.telegram.client..";
    static final String SENDING = "org.backtriage.telegram.sending..";
    static final String INTAKE = "org.backtriage.telegram.intake..";
    static final String MINI_APP = "org.backtriage.telegram.miniapp..";
    static final String HTTP = "org.backtriage.http..";
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

    /**
     * Issue 20: inside the adapter, only the two rooms that deal with Telegram: the Bot API client
     * and the intakes (its types); only the client talks HTTP to it.
     */
    @Test
    void onlyTheTelegramAdapterTouchesTelegram() {
        noClasses().that().resideOutsideOfPackages(CLIENT, INTAKE)
                .should().dependOnClassesThat().resideInAnyPackage("org.telegram..")
                .check(CLASSES);
        noClasses().that().resideOutsideOfPackages(CLIENT)
                .should().dependOnClassesThat().resideInAnyPackage("okhttp3..")
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
        classes().that().resideInAPackage(HTTP)
                .should().onlyDependOnClassesThat().resideInAnyPackage(HTTP, "org.backtriage.chat..",
                        "org.backtriage.logging..", "org.eclipse.jetty..", "org.slf4j..", "java..")
                .check(CLASSES);
    }

    /** Rooms depend on lower rooms only: client, then sending, then the intakes and the Mini App; no cycle among them. */
    @Test
    void theAdaptersRoomsHaveNoCycles() {
        slices().matching("org.backtriage.telegram.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    /** The front (the bots, their wiring) stands on the rooms; no room calls back up into it. */
    @Test
    void noRoomKnowsTheAdaptersFront() {
        noClasses().that().resideInAnyPackage(CLIENT, SENDING, INTAKE, MINI_APP)
                .should().dependOnClassesThat().resideInAPackage(FRONT)
                .check(CLASSES);
    }

    /** The Bot API client is the adapter's lowest room: it knows no other, nor the adapter's front. */
    @Test
    void theBotApiClientKnowsNoOtherRoom() {
        classes().that().resideInAPackage(CLIENT)
                .should().onlyDependOnClassesThat().resideInAnyPackage(CLIENT, "org.backtriage.chat..",
                        "org.backtriage.logging..", "com.fasterxml.jackson..", "okhttp3..", "org.telegram..", "java..")
                .check(CLASSES);
    }

    /** The client serves the rooms that call Telegram, the front, and the webhook command's calls. */
    @Test
    void onlyTheIntakesTheSendingTheFrontAndTheWebhookCommandUseTheClient() {
        noClasses().that().resideOutsideOfPackages(CLIENT, INTAKE, SENDING, FRONT)
                .and().doNotHaveFullyQualifiedName(WebhookCommand.class.getName())
                .should().dependOnClassesThat().resideInAPackage(CLIENT)
                .check(CLASSES);
    }

    /** Sending stands on the Bot API client alone, and needs neither the library nor OkHttp. */
    @Test
    void sendingKnowsTheBotApiClientAndNoOtherRoom() {
        classes().that().resideInAPackage(SENDING)
                .should().onlyDependOnClassesThat().resideInAnyPackage(SENDING, CLIENT, "org.backtriage.chat..",
                        "org.backtriage.cluster..", "org.backtriage.logging..", "org.slf4j..", "java..")
                .check(CLASSES);
    }

    /**
     * The front runs the sending; the intakes and the Mini App only hand it replies (SendQueue), the
     * polling also waits by its back-off; BotRunner hands the bot's SendQueue to the Mini App.
     */
    @Test
    void onlyTheFrontRunsTheSending() {
        noClasses().that().resideOutsideOfPackages(SENDING, FRONT, INTAKE, MINI_APP)
                .and().doNotHaveFullyQualifiedName(BotRunner.class.getName())
                .should().dependOnClassesThat().resideInAPackage(SENDING)
                .check(CLASSES);
        noClasses().that().resideInAnyPackage(INTAKE, MINI_APP).or().haveFullyQualifiedName(BotRunner.class.getName())
                .should().dependOnClassesThat(resideInAPackage(SENDING)
                        .and(not(belongToAnyOf(SendQueue.class, CappedBackOff.class))))
                .check(CLASSES);
        noClasses().that().resideInAnyPackage(MINI_APP).or().haveFullyQualifiedName(BotRunner.class.getName())
                .should().dependOnClassesThat().belongToAnyOf(CappedBackOff.class)
                .check(CLASSES);
    }

    /** Updates in: both intakes stand on the client, hand replies to the sending and are served by the http package. */
    @Test
    void theIntakesKnowTheClientTheSendingAndTheHttpServer() {
        classes().that().resideInAPackage(INTAKE)
                .should().onlyDependOnClassesThat().resideInAnyPackage(INTAKE, CLIENT, SENDING, HTTP,
                        "org.backtriage.chat..", "org.backtriage.logging..", "com.fasterxml.jackson..",
                        "org.telegram..", "org.eclipse.jetty..", "org.slf4j..", "java..")
                .check(CLASSES);
    }

    /** Only the front starts the intakes. */
    @Test
    void onlyTheFrontUsesTheIntakes() {
        noClasses().that().resideOutsideOfPackages(INTAKE, FRONT)
                .should().dependOnClassesThat().resideInAPackage(INTAKE)
                .check(CLASSES);
    }

    /** The body map's Mini App hands its replies to the sending and is served by the http package; it calls no Bot API. */
    @Test
    void theMiniAppKnowsTheSendingAndTheHttpServer() {
        classes().that().resideInAPackage(MINI_APP)
                .should().onlyDependOnClassesThat().resideInAnyPackage(MINI_APP, SENDING, HTTP, "org.backtriage.chat..",
                        "org.backtriage.logging..", "com.fasterxml.jackson..", "org.eclipse.jetty..", "org.slf4j..",
                        "java..", "javax.crypto..")
                .check(CLASSES);
    }

    /** BotRunner builds the Mini App and hands it to the operator endpoint; the bots know nothing of it. */
    @Test
    void onlyTheEntryPointUsesTheMiniApp() {
        noClasses().that().resideOutsideOfPackages(MINI_APP, "org.backtriage")
                .should().dependOnClassesThat().resideInAPackage(MINI_APP)
                .check(CLASSES);
    }

    /**
     * The http package serves the public surfaces (the webhook, the Mini App) and the operator endpoint;
     * the webhook bot keeps the one tally of refusals both surfaces share, and BotRunner starts the servers.
     */
    @Test
    void onlyTheServedAndTheirWiringUseTheHttpPackage() {
        noClasses().that().resideOutsideOfPackages(HTTP, INTAKE, MINI_APP, "org.backtriage.ops..", FRONT, "org.backtriage")
                .should().dependOnClassesThat().resideInAPackage(HTTP)
                .check(CLASSES);
        noClasses().that().resideInAPackage(FRONT)
                .should().dependOnClassesThat(resideInAPackage(HTTP).and(not(belongToAnyOf(Rejections.class))))
                .check(CLASSES);
    }

    /** The bots' public API shows no Jetty type, but for the webhook's handler: the webhook is one. */
    @Test
    void theBotsShowNoJettyTypeButTheWebhooksHandler() {
        noCodeUnits().that().areDeclaredInClassesThat().belongToAnyOf(TelegramBot.class, WebhookBot.class)
                .and().arePublic().and().doNotHaveName("handler")
                .should().haveRawReturnType(resideInAPackage("org.eclipse.jetty.."))
                .orShould().haveRawParameterTypes(anyElementThat(resideInAPackage("org.eclipse.jetty..")))
                .check(CLASSES);
        noFields().that().areDeclaredInClassesThat().belongToAnyOf(TelegramBot.class, WebhookBot.class)
                .and().arePublic()
                .should().haveRawType(resideInAPackage("org.eclipse.jetty.."))
                .check(CLASSES);
    }

    // Issue 20: the store's rooms

    /** All the rest of the program may use of the store. */
    static final Class<?>[] STORE_ENTRY_POINTS = {StoreException.class, SqliteSessionStore.class, SqliteLibrary.class,
            PostgresSessionStore.class};

    /** One room per database: neither knows the other, so either can change, or go, alone. */
    @Test
    void theSqliteAndPostgresStoresDoNotKnowEachOther() {
        noClasses().that().resideInAPackage("org.backtriage.store.sqlite..")
                .should().dependOnClassesThat().resideInAPackage("org.backtriage.store.postgres..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("org.backtriage.store.postgres..")
                .should().dependOnClassesThat().resideInAPackage("org.backtriage.store.sqlite..")
                .check(CLASSES);
    }

    /** OkHttp's convention: {@code store.internal} is public because the rooms force it, not API. */
    @Test
    void theStoresInternalsAreUsedInsideTheStoreOnly() {
        noClasses().that().resideOutsideOfPackage("org.backtriage.store..")
                .should().dependOnClassesThat().resideInAPackage("org.backtriage.store.internal..")
                .check(CLASSES);
    }

    /** What both databases share knows neither: no room, no driver, no pool, no migration tool. */
    @Test
    void theStoresSharedPartKnowsNeitherDatabase() {
        noClasses().that().resideInAPackage("org.backtriage.store.internal..")
                .should().dependOnClassesThat().resideInAnyPackage("org.backtriage.store.sqlite..",
                        "org.backtriage.store.postgres..", "org.sqlite..", "org.postgresql..", "com.zaxxer.hikari..",
                        "org.flywaydb..")
                .check(CLASSES);
    }

    /**
     * Outside the store only its entry points are used: the error type, each room's session store,
     * and the SQLite library loaded early at start-up.
     */
    @Test
    void outsideTheStoreOnlyItsEntryPointsAreUsed() {
        classes().that().resideOutsideOfPackage("org.backtriage.store..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("org.backtriage.store..")
                        .or(belongToAnyOf(STORE_ENTRY_POINTS)))
                .check(CLASSES);
    }

    /** In the rooms, everything but the entry points is package-private. */
    @Test
    void theRoomsShowOnlyTheirEntryPoints() {
        classes().that().resideInAnyPackage("org.backtriage.store.sqlite..", "org.backtriage.store.postgres..")
                .and(not(belongToAnyOf(STORE_ENTRY_POINTS)))
                .should().notBePublic()
                .check(CLASSES);
    }

    /** The store's error is the store's to raise: others catch it and ask whether it is worth a retry. */
    @Test
    void onlyTheStoreMakesAStoreException() {
        noClasses().that().resideOutsideOfPackage("org.backtriage.store..")
                .should().callConstructor(StoreException.class, String.class)
                .orShould().callConstructor(StoreException.class, String.class, Throwable.class)
                .check(CLASSES);
    }
}
