package org.backtriage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.backtriage.config.Settings;
import org.backtriage.fakebotapi.Call;
import org.backtriage.fakebotapi.FakeBotApi;
import org.backtriage.ops.Monitoring;
import org.backtriage.ops.OpsServer;
import org.backtriage.telegram.miniapp.BodyMapPage;
import org.backtriage.testing.FreePorts;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The body map in a real browser: Debian's headless Chromium, driven through Debian's chromedriver
 * by Selenium (pointed at both, so Selenium Manager never looks for, or downloads, anything). The
 * page comes from the bot's own HTTP server with its security policy in force; the person taps
 * regions and presses Done as on a phone 320 px wide. The page's own behaviour is shown against a
 * stand-in for the bot's answer endpoint (any status on demand); {@link WithTheRealBot}, end to end,
 * against the real bot polling the fake Bot API. Screenshots of both languages go to
 * {@code target/bodymap-en.png} and {@code target/bodymap-es.png}. Without chromium and
 * chromedriver the class is skipped, saying so in one line; CI installs them and fails if it was.
 */
class BodyMapBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String HOW = "no " + CHROMIUM + " or " + CHROMEDRIVER + ", so the body map's browser test is skipped;"
            + " install them with: apt-get install -y chromium chromium-driver";
    static final String TOKEN = BotRunnerTest.TOKEN;
    static final int WIDTH = 320;
    static final ObjectMapper JSON = new ObjectMapper();

    static ChromeDriverService driver;
    static ChromeDriver browser;

    final Monitoring monitoring = new Monitoring();
    final BotAnswers bot = new BotAnswers();
    OpsServer server;

    @BeforeAll
    static void startBrowser() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            System.err.println("[NOTE] " + HOW);
            Assumptions.abort(HOW);
        }
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        driver = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage",
                        "--hide-scrollbars", "--window-size=" + WIDTH + ",900");
        // The console's messages, to see that the page's own policy refused nothing it needs.
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        browser = new ChromeDriver(driver, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (driver != null) {
            driver.stop();
        }
    }

    @BeforeEach
    void serve() throws Exception {
        server = new OpsServer(OpsServer.address("127.0.0.1", FreePorts.any()), monitoring, () -> true,
                OpsServer.Options.DEFAULT.serving(List.of(new BodyMapPage(), bot)));
    }

    @AfterEach
    void close() {
        server.close();
        monitoring.close();
    }

    @Test
    void tappedRegionsGoToTheBotWithTheInitDataWhenDoneIsPressed() throws Exception {
        String initData = initData(42, "en");
        open("en", initData, Map.of());

        assertThat(text("h1")).isEqualTo("Where does it hurt?");
        assertThat(text("#chosen")).isEqualTo("Nothing marked yet.");
        assertThat(done().isEnabled()).as("Done before anything is marked").isFalse();
        tap("low_back_left");
        tap("buttock_right");
        tap("below_knee_left");
        tap("below_knee_left");
        tap("below_knee_right");

        assertThat(text("#chosen")).isEqualTo("You marked: Low back, left side; Right buttock; Right leg, below the knee.");
        assertThat(region("low_back_left").getAttribute("aria-checked")).isEqualTo("true");
        assertThat(region("below_knee_left").getAttribute("aria-checked")).isEqualTo("false");
        screenshot("bodymap-en.png");
        done().click();

        Waits.upTo(Duration.ofSeconds(5)).until(() -> text("#message"),
                message -> message.equals("Sent. You can close this page: the chat has the next question."));
        assertThat(bot.posts).hasSize(1);
        JsonNode post = JSON.readTree(bot.posts.get(0));
        assertThat(post.get("initData").asText()).isEqualTo(initData);
        assertThat(JSON.convertValue(post.get("regions"), List.class))
                .containsExactly("low_back_left", "buttock_right", "below_knee_right");
        assertThat(post.size()).as("nothing else is sent").isEqualTo(2);
        assertThat(done().isEnabled()).as("Done after it was taken").isFalse();
        assertThat(consoleErrors()).as("errors in the console, a refusal by the page's policy among them").isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "?lang=en&m=57 | 57",
            "?m=2147483647&lang=en | 2147483647",
            "?lang=en&m=0 | ",
            "?lang=en&m=57x | ",
            "?lang=en&m=-57 | ",
            "?lang=en&m= | ",
            "?lang=en&m=12345678901 | "})
    void theQuestionMessageTheButtonNamesIsSentBackWithTheRegionsAndNothingElseIs(String search, Long message)
            throws Exception {
        openAt(search, initData(48, "en"), Map.of(), server.port());
        tap("hip_left");
        done().click();

        Waits.upTo(Duration.ofSeconds(5)).until(() -> bot.posts.size(), size -> size == 1);
        JsonNode post = JSON.readTree(bot.posts.get(0));
        if (message == null) {
            assertThat(post.has("message")).as("a message id from " + search).isFalse();
        } else {
            assertThat(post.get("message").isIntegralNumber()).isTrue();
            assertThat(post.get("message").asLong()).isEqualTo(message);
        }
    }

    @Test
    void inSpanishEveryTextAndLabelIsSpanish() throws Exception {
        open("es", initData(43, "es"), Map.of());

        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("es");
        assertThat(text("h1")).isEqualTo("¿Dónde le duele?");
        assertThat(done().getText()).isEqualTo("Listo");
        assertThat(region("between_shoulder_blades").getAttribute("aria-label")).isEqualTo("Entre los omóplatos");
        assertThat(region("saddle").getAttribute("aria-label")).startsWith("Zona del sillín");
        tap("saddle");
        tap("hip_left");

        assertThat(text("#chosen")).isEqualTo("Ha marcado: Cadera izquierda; Zona del sillín (alrededor de los genitales y el ano).");
        screenshot("bodymap-es.png");
    }

    @Test
    void everyRegionIsAnAriaCheckboxWithALabelAndABigTapTargetAt320PxWithoutSideScrolling() {
        open("en", initData(44, "en"), Map.of());

        List<WebElement> regions = browser.findElements(By.cssSelector("[data-region]"));
        assertThat(regions).hasSize(14);
        for (WebElement region : regions) {
            String id = region.getAttribute("data-region");
            assertThat(region.getAttribute("role")).as(id).isEqualTo("checkbox");
            assertThat(region.getAttribute("aria-label")).as(id).isNotBlank();
            assertThat(region.getAttribute("tabindex")).as(id).isEqualTo("0");
            assertThat(region.getRect().getWidth()).as(id + " width in px").isGreaterThanOrEqualTo(36);
            assertThat(region.getRect().getHeight()).as(id + " height in px").isGreaterThanOrEqualTo(36);
        }
        assertThat(script("return document.documentElement.scrollWidth")).as("page width").isEqualTo((long) WIDTH);
        assertThat(done().getRect().getHeight()).isGreaterThanOrEqualTo(48);
    }

    @Test
    void aRegionIsTickedFromTheKeyboardToo() {
        open("en", initData(45, "en"), Map.of());

        region("groin").sendKeys(Keys.SPACE);
        region("thigh_back_left").sendKeys(Keys.ENTER);

        assertThat(region("groin").getAttribute("aria-checked")).isEqualTo("true");
        assertThat(text("#chosen")).isEqualTo("You marked: Back of the left thigh; Groin.");
    }

    @Test
    void telegramsThemeColoursAreUsed() {
        open("en", initData(46, "en"), Map.of("bg_color", "#17212b", "text_color", "#f5f5f5", "button_color", "#5288c1",
                "button_text_color", "#ffffff"));

        assertThat(script("return getComputedStyle(document.body).backgroundColor")).isEqualTo("rgb(23, 33, 43)");
        assertThat(script("return getComputedStyle(document.body).color")).isEqualTo("rgb(245, 245, 245)");
        assertThat(script("return getComputedStyle(document.getElementById('done')).backgroundColor")).isEqualTo("rgb(82, 136, 193)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "409 | This map is for an earlier question. The chat has the current one. | false",
            "401 | Please open the map again from the chat. | false",
            "400 | Please open the map again from the chat. | false",
            "503 | It could not be sent just now. Please try again. | true"})
    void theBotsRefusalsAreExplainedToThePerson(int status, String message, boolean doneAgain) {
        bot.status.set(status);
        open("en", initData(47, "en"), Map.of());
        tap("hip_right");
        done().click();

        Waits.upTo(Duration.ofSeconds(5)).until(() -> text("#message"), message::equals);
        assertThat(done().isEnabled()).as("Done again after a " + status).isEqualTo(doneAgain);
    }

    @Test
    void withoutInitDataThePageSaysToOpenItFromTheChatAndSendsNothing() {
        open("en", "", Map.of());
        tap("low_back_middle");

        assertThat(text("#message")).isEqualTo("Please open this map from the button in the chat.");
        assertThat(done().isEnabled()).isFalse();
        assertThat(bot.posts).isEmpty();
    }

    /** The real bot, polling the fake Bot API, serving the page and its answer endpoint on its operator port. */
    @Nested
    class WithTheRealBot {
        static final long CHAT = 4242;
        static final String PUBLIC_URL = "https://bot.example.org";
        @TempDir
        Path dir;
        FakeBotApi telegram;
        final AtomicReference<Consumer<String>> signals = new AtomicReference<>();
        Thread running;
        int port;
        int nextUpdateId = 1;

        @BeforeEach
        void startBot() throws Exception {
            telegram = new FakeBotApi(TOKEN);
            port = FreePorts.any();
            Settings settings = Settings.load(Map.of("TELEGRAM_API_URL", telegram.baseUrl().toString(),
                    "BACKTRIAGE_DB", dir.resolve("bot.db").toString(), "BACKTRIAGE_HTTP_PORT", Integer.toString(port),
                    "BACKTRIAGE_PACING", "off", "BACKTRIAGE_PUBLIC_URL", PUBLIC_URL), dir.resolve("no-such.properties"));
            running = new Thread(new BotRunner(TOKEN, settings, BotRunnerTest.CONTENT,
                    new BotRunner.Stopping(signals::set, code -> { }))::run, "bot");
            running.start();
            telegram.await(call -> call.is("getUpdates"), Duration.ofSeconds(30));
        }

        @AfterEach
        void stopBot() throws Exception {
            if (signals.get() != null) {
                signals.get().accept("TERM");
            }
            running.join(Duration.ofSeconds(12).toMillis());
            telegram.close();
        }

        @Test
        void regionsTappedOnTheMapAnswerWhereItHurtsAndTheQuestionMessageBecomesTheNextQuestion() throws Exception {
            long message = openTheMapFromTheWhereQuestion();
            int before = markAndSend("low_back_left", "buttock_left");

            Waits.upTo(Duration.ofSeconds(10)).until(() -> text("#message"),
                    text -> text.equals("Sent. You can close this page: the chat has the next question."));
            Call next = awaitQuestionAfter(before);
            assertThat(next.is("editMessageText")).as("the question message edited, as a press edits it").isTrue();
            assertThat(next.body().path("message_id").asLong()).isEqualTo(message);
            assertThat(next.text()).startsWith("\ud83e\uddcd You marked on the body map: Low back, left side; Buttock or hip\n\n"
                    + "<i>Step 7 of 14</i>\n<b>What does the pain feel like?</b>");
            assertThat(storedAnswers()).contains("where=low_back_left,buttock_hip");
            assertThat(telegram.calls().subList(before, telegram.calls().size())).as("no new message")
                    .noneMatch(call -> call.is("sendMessage"));
            assertThat(consoleErrors()).isEmpty();
        }

        @Test
        void bothLegsBelowTheKneeOnTheMapAskAtOnceForTheEmergencySign() throws Exception {
            openTheMapFromTheWhereQuestion();
            int before = markAndSend("below_knee_left", "below_knee_right");

            Call confirm = awaitQuestionAfter(before);
            assertThat(confirm.is("editMessageText")).isTrue();
            assertThat(confirm.text()).contains("You marked both legs")
                    .contains("Do you have pain, numbness, tingling or weakness in <b>both</b> legs?");
            assertThat(confirm.buttons()).startsWith("Yes, both legs: pain, numbness, tingling, weakness=p:where_both_legs:yes");
            assertThat(storedAnswers()).endsWith(";where=below_knee,both_legs");
        }

        @Test
        void aSecondMapForTheSameQuestionIsAnsweredAsEarlierOnThePage() throws Exception {
            openTheMapFromTheWhereQuestion();
            awaitQuestionAfter(markAndSend("hip_right"));

            // The same map opened again, after the chat moved on: signed anew, so not a replay.
            openAt(search, initData(CHAT, "en"), Map.of(), port);
            markAndSend("hip_left");

            Waits.upTo(Duration.ofSeconds(10)).until(() -> text("#message"),
                    message -> message.equals("This map is for an earlier question. The chat has the current one."));
            assertThat(storedAnswers()).contains("where=buttock_hip").doesNotContain("where=buttock_hip,");
        }

        /** Taps {@code regions} and presses Done; the number of Bot API calls before Done. */
        int markAndSend(String... regions) {
            for (String region : regions) {
                tap(region);
            }
            int before = telegram.calls().size();
            done().click();
            return before;
        }

        /** The address the map button names, past its origin: what the page was last opened with. */
        String search;

        /**
         * Walks to "where does it hurt?" and opens the page its map button names, on the bot's own
         * server; the id of the question message it names.
         */
        long openTheMapFromTheWhereQuestion() throws Exception {
            say("/start");
            press("Start the questions");
            press("No, none of these");
            press("No, or this does not apply to me");
            press("No, none of these");
            press("No, none of these");
            press("No, none of these");
            Call where = lastQuestion();
            assertThat(where.text()).contains("<b>Where does it hurt?</b>");
            List<String> maps = new java.util.ArrayList<>();
            where.body().path("reply_markup").path("inline_keyboard").forEach(row -> row.forEach(button -> {
                if (button.has("web_app")) {
                    maps.add(button.path("web_app").path("url").asText());
                }
            }));
            assertThat(where.is("editMessageText")).as("the question, edited into the pressed message").isTrue();
            long message = where.body().path("message_id").asLong();
            assertThat(maps).containsExactly(PUBLIC_URL + BodyMapPage.PATH + "?lang=en&m=" + message);
            search = maps.get(0).substring((PUBLIC_URL + BodyMapPage.PATH).length());
            openAt(search, initData(CHAT, "en"), Map.of(), port);
            return message;
        }

        /** The answers kept for the person, as the SQLite store writes them: "question=option,option;...". */
        String storedAnswers() throws Exception {
            try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bot.db"));
                 java.sql.PreparedStatement query = db.prepareStatement("SELECT answers FROM sessions WHERE chat_id = ?")) {
                query.setLong(1, CHAT);
                try (java.sql.ResultSet row = query.executeQuery()) {
                    assertThat(row.next()).as("a session for the person").isTrue();
                    return row.getString(1);
                }
            }
        }

        /** The person sends {@code text}; waits until the bot has taken it. */
        void say(String text) {
            ObjectNode message = JSON.createObjectNode().put("message_id", 1).put("date", Instant.now().getEpochSecond())
                    .put("text", text);
            message.set("from", person());
            message.set("chat", chat());
            deliver("message", message);
        }

        /** The person taps the button labelled {@code label} under the question; waits until the bot has taken it. */
        void press(String label) {
            Call question = lastQuestion();
            String data = question.buttons().stream().filter(button -> button.startsWith(label + "=")).findFirst()
                    .map(button -> button.substring(label.length() + 1))
                    .orElseThrow(() -> new AssertionError("no button '" + label + "' in " + question.buttons()));
            ObjectNode query = JSON.createObjectNode().put("id", "q" + nextUpdateId).put("chat_instance", "-4242").put("data", data);
            query.set("from", person());
            ObjectNode message = query.putObject("message").put("message_id", telegram.lastKeyboardMessageId())
                    .put("date", Instant.now().getEpochSecond()).put("text", "a question");
            message.set("chat", chat());
            deliver("callback_query", query);
        }

        ObjectNode person() {
            return JSON.createObjectNode().put("id", CHAT).put("is_bot", false).put("first_name", "Ana").put("language_code", "en");
        }

        ObjectNode chat() {
            return JSON.createObjectNode().put("id", CHAT).put("type", "private").put("first_name", "Ana");
        }

        /** Delivers an update holding {@code content} as {@code kind}, and waits for the question the bot shows next. */
        void deliver(String kind, ObjectNode content) {
            ObjectNode update = JSON.createObjectNode().put("update_id", nextUpdateId++);
            update.set(kind, content);
            int before = telegram.calls().size();
            telegram.deliver(update);
            awaitQuestionAfter(before);
        }

        /** Waits until a question (a message with buttons) is shown after the first {@code before} calls; the first such. */
        Call awaitQuestionAfter(int before) {
            try {
                return Waits.upTo(Duration.ofSeconds(30)).until(() -> {
                    List<Call> calls = telegram.calls();
                    return calls.subList(Math.min(before, calls.size()), calls.size()).stream().filter(this::isQuestion).findFirst();
                }, java.util.Optional::isPresent).orElseThrow();
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("no question after call " + before + "; calls were " + telegram.calls(), e);
            }
        }

        boolean isQuestion(Call call) {
            return (call.is("sendMessage") || call.is("editMessageText")) && call.chatId() == CHAT
                    && call.body().has("reply_markup");
        }

        /** The last question the person was shown: sent, or edited into the question message. */
        Call lastQuestion() {
            List<Call> shown = telegram.calls().stream().filter(this::isQuestion).toList();
            assertThat(shown).as("questions shown").isNotEmpty();
            return shown.get(shown.size() - 1);
        }
    }

    /** Opens the page as Telegram does: the launch parameters in the URL's hash. */
    void open(String language, String initData, Map<String, String> theme) {
        open(language, initData, theme, server.port());
    }

    /** As above, from the server on {@code port}. */
    void open(String language, String initData, Map<String, String> theme, int port) {
        openAt("?lang=" + language, initData, theme, port);
    }

    /** As above, the page's address ending in {@code search} (its query, from "?"). */
    void openAt(String search, String initData, Map<String, String> theme, int port) {
        StringBuilder hash = new StringBuilder("tgWebAppVersion=8.0&tgWebAppPlatform=android");
        if (!initData.isEmpty()) {
            hash.append("&tgWebAppData=").append(encode(initData));
        }
        if (!theme.isEmpty()) {
            hash.append("&tgWebAppThemeParams=").append(encode(JSON.valueToTree(theme).toString()));
        }
        browser.manage().window().setSize(new Dimension(WIDTH, 900));
        browser.get("about:blank");
        browser.manage().logs().get(LogType.BROWSER); // what earlier pages said, read and so dropped
        browser.get("http://127.0.0.1:" + port + BodyMapPage.PATH + search + "#" + hash);
        Waits.upTo(Duration.ofSeconds(10)).until(() -> script("return document.body.classList.contains('ready')"), Boolean.TRUE::equals);
    }

    /** Scrolls the region to the middle of the screen, as a person would, and taps it. */
    void tap(String region) {
        WebElement element = region(region);
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    WebElement region(String id) {
        return browser.findElement(By.cssSelector("[data-region='" + id + "']"));
    }

    WebElement done() {
        return browser.findElement(By.id("done"));
    }

    String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    List<String> consoleErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage).toList();
    }

    Object script(String code) {
        return ((JavascriptExecutor) browser).executeScript(code);
    }

    /** The whole page, as tall as it is, at the phone's width. */
    void screenshot(String name) throws Exception {
        long height = (Long) script("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(WIDTH, (int) height));
        // The window's frame takes a little of its height: grow it until the page fits whole.
        long frame = height - (Long) script("return window.innerHeight");
        browser.manage().window().setSize(new Dimension(WIDTH, (int) (height + frame)));
        script("window.scrollTo(0, 0)");
        // The pointer off the map, so no region shows its hover shade.
        new Actions(browser).moveToElement(browser.findElement(By.tagName("h1"))).perform();
        Path file = Path.of("target", name);
        Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
        browser.manage().window().setSize(new Dimension(WIDTH, 900));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * initData as Telegram signs it for a Mini App opened from an inline button: query_id, user,
     * auth_date and hash = hex(HMAC-SHA-256(key = HMAC-SHA-256(key "WebAppData", the bot token),
     * the data-check string: the other fields' key=value, sorted, joined by line feeds)).
     */
    static String initData(long userId, String language) throws RuntimeException {
        try {
            Map<String, String> fields = new java.util.TreeMap<>(Map.of(
                    "auth_date", Long.toString(Instant.now().getEpochSecond()),
                    "query_id", "AAH" + userId + "query",
                    "user", "{\"id\":" + userId + ",\"first_name\":\"Ana\",\"language_code\":\"" + language + "\"}"));
            StringBuilder check = new StringBuilder();
            fields.forEach((key, value) -> check.append(check.length() == 0 ? "" : "\n").append(key).append('=').append(value));
            byte[] secret = hmac("WebAppData".getBytes(StandardCharsets.UTF_8), TOKEN);
            StringBuilder hash = new StringBuilder();
            for (byte b : hmac(secret, check.toString())) {
                hash.append(String.format("%02x", b));
            }
            StringBuilder query = new StringBuilder();
            fields.forEach((key, value) -> query.append(key).append('=').append(encode(value)).append('&'));
            return query.append("hash=").append(hash).toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac(byte[] key, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    }

    /** Stands in for the bot's answer endpoint: keeps each body posted and answers with the status asked. */
    static final class BotAnswers extends Handler.Abstract {
        final List<String> posts = new CopyOnWriteArrayList<>();
        final AtomicInteger status = new AtomicInteger(200);

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (!Request.getPathInContext(request).equals(BodyMapPage.PATH + "answer") || !request.getMethod().equals("POST")) {
                return false;
            }
            posts.add(Content.Source.asString(request, StandardCharsets.UTF_8));
            int answer = status.get();
            response.setStatus(answer);
            response.getHeaders().put("Content-Type", "application/json");
            Content.Sink.write(response, true, answer == 200 ? "{\"ok\":true}" : "{\"ok\":false,\"error\":\"x\"}", callback);
            return true;
        }
    }
}
