package org.backtriage.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadsrvReportTest {
    /** As the peer's bench/loadsrv.mjs printed it for our bot (200 people, 3 rounds). */
    static final String OURS = """
            bench: 200 users x 3 rounds, think 0 ms, cmd "java -jar backtriage.jar bot" BACKTRIAGE_PACING=off
            cold start: first getUpdates 1162.7 ms after spawn
            updates injected 4849, handled 4849, unfinished users 0, unexpected extra sends 199, HTTP errors returned 0
            throughput: 1240.1 updates/s overall in 3.91 s, 1621.1 sustained (middle 80%), peak 1831 in 1 s
            latency ms (update offered -> next question/ending arrives): p50 108.5 p95 423.7 p99 536.1 max 567.0
            bot API calls excl. getUpdates: 13470 (3444.8/s), getUpdates 288; by method {"deleteWebhook":1,"getupdates":288,\
            "setMyCommands":2,"sendMessage":4970,"answerCallbackQuery":4249,"editMessageText":4248}
            bot CPU 5.16 s = 1.064 ms/update (132.0% of one core); load server CPU 1.97 s; bot RSS peak 108.3 MB (VmHWM 108.3 MB)
            """;

    static final String PEER = """
            bench: 200 users x 3 rounds, think 0 ms, cmd "./run.sh bot"\s
            cold start: first getUpdates 244.6 ms after spawn
            updates injected 4849, handled 4849, unfinished users 0, unexpected extra sends 0, HTTP errors returned 0
            throughput: 689.7 updates/s overall in 7.03 s, 791.2 sustained (middle 80%), peak 991 in 1 s
            latency ms (update offered -> next question/ending arrives): p50 226.6 p95 509.3 p99 839.2 max 936.1
            bot API calls excl. getUpdates: 12871 (1830.8/s), getUpdates 128; by method {"setMyCommands":1,"getMe":1,\
            "getUpdates":128,"sendMessage":4371,"answerCallbackQuery":4249,"editMessageReplyMarkup":1078,"editMessageText":3171}
            bot CPU 6.41 s = 1.322 ms/update (91.2% of one core); load server CPU 1.76 s; bot RSS peak 172.6 MB (VmHWM 172.7 MB)
            """;

    @Test
    void readsEveryFigureOfTheReport() {
        LoadsrvReport report = LoadsrvReport.parse(OURS);

        assertThat(report.coldStartMs()).isEqualTo(1162.7);
        assertThat(report.injected()).isEqualTo(4849);
        assertThat(report.handled()).isEqualTo(4849);
        assertThat(report.unfinished()).isZero();
        assertThat(report.timedOut()).isFalse();
        assertThat(report.unexpected()).isEqualTo(199);
        assertThat(report.httpErrors()).isZero();
        assertThat(report.overall()).isEqualTo(1240.1);
        assertThat(report.seconds()).isEqualTo(3.91);
        assertThat(report.sustained()).isEqualTo(1621.1);
        assertThat(report.peakPerSecond()).isEqualTo(1831);
        assertThat(List.of(report.p50(), report.p95(), report.p99(), report.max())).containsExactly(108.5, 423.7, 536.1, 567.0);
        assertThat(report.calls()).isEqualTo(13470);
        assertThat(report.getUpdates()).isEqualTo(288);
        assertThat(report.byMethod()).startsWith("{\"deleteWebhook\":1").endsWith("\"editMessageText\":4248}");
        assertThat(report.botCpuSeconds()).isEqualTo(5.16);
        assertThat(report.cpuMsPerUpdate()).isEqualTo(1.064);
        assertThat(report.corePercent()).isEqualTo(132.0);
        assertThat(report.loadServerCpuSeconds()).isEqualTo(1.97);
        assertThat(report.rssPeakMb()).isEqualTo(108.3);
        assertThat(report.hwmMb()).isEqualTo(108.3);
        assertThat(report.callsPerUpdate()).isEqualTo(13470.0 / 4849);
    }

    @Test
    void cleanAllowsOnlyTheSendsTheBotIsExpectedToAdd() {
        LoadsrvReport ours = LoadsrvReport.parse(OURS);

        assertThat(ours.clean(200)).isTrue();
        assertThat(ours.clean(0)).isFalse();
        assertThat(LoadsrvReport.parse(PEER).clean(0)).isTrue();
        assertThat(LoadsrvReport.parse(PEER.replace("unfinished users 0,", "unfinished users 3 (TIMEOUT),")).clean(0)).isFalse();
    }

    @Test
    void aReportWithoutALineSaysWhichIsMissing() {
        assertThatThrownBy(() -> LoadsrvReport.parse(PEER.replaceAll("(?m)^throughput.*$", "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'throughput'");
    }

    @Test
    void ourStartingLineIsPlacedBeforeTheFirstGetUpdatesByTheLogsClock() {
        String log = """
                [0.012s][warning][cds] a line without a timestamp first
                2026-12-02T00:30:11.116Z WARN  [main] org.backtriage.Main - BACKTRIAGE_PACING=off: sending without limits
                2026-12-02T00:30:11.621Z INFO  [main] org.backtriage.Main - starting: tree peer-8-questions.1
                2026-12-02T00:30:11.729Z INFO  [main] o.t.t.l.BotSession - Result when calling deleteWebhook: true
                2026-12-02T00:30:11.733Z INFO  [main] o.b.telegram.TelegramBot - Polling the Bot API at http://127.0.0.1:1 for updates
                """;

        PeerComparison.StartUp startUp = PeerComparison.startUp(log, LoadsrvReport.parse(OURS));

        assertThat(startUp.starting()).isCloseTo(1.1627 - 0.112, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(startUp.firstGetUpdates()).isEqualTo(1.1627);
        assertThat(PeerComparison.startUp("backtriage (grammY) polling", LoadsrvReport.parse(PEER)))
                .isEqualTo(PeerComparison.StartUp.UNKNOWN);
    }

    @Test
    void theTablePrintsEachPairAndTheRatioRangesAgainstTheTargets() {
        PeerComparison.Options options = PeerComparison.Options.parse(new String[] {"--name", "short", "--pairs", "2",
                "--loadsrv", "loadsrv.mjs", "--target-throughput", "1.5", "--target-cpu", "0.5",
                "--bot", "peer", "--cmd", "./run.sh bot", "--bot", "ours", "--cmd", "java -jar b.jar bot", "--extra-sends", "200"});
        PeerComparison.Bot peer = options.bots.get(0);
        PeerComparison.Bot ours = options.bots.get(1);
        LoadsrvReport peerReport = LoadsrvReport.parse(PEER);
        LoadsrvReport oursReport = LoadsrvReport.parse(OURS);
        LoadsrvReport fasterPeer = LoadsrvReport.parse(PEER.replace("689.7 updates/s", "1240.1 updates/s"));
        List<PeerComparison.Run> runs = List.of(
                run(1, peer, peerReport, 0.1), run(1, ours, oursReport, 0.2),
                run(2, peer, fasterPeer, 0.1), run(2, ours, oursReport, 0.2),
                run(3, peer, peerReport, 0.1), run(3, ours, fasterPeer, 0.9));

        String table = PeerComparison.table(options, runs);

        assertThat(table).contains("| 1 | ours/peer | 1.80× |", "| 2 | ours/peer | 1.00× |", "| 3 | ours/peer (not counted) | 1.80× |")
                .contains("| updates/s overall | 1.000–1.798× | 1.399× | 1.000–1.798× (1.798×) | ≥ 1.5× | 1 of 2 |")
                .contains("| CPU ms/update | 0.805–0.805× | 0.805× | 0.805–1.000× (0.805×) | ≤ 0.5× | 0 of 2 |")
                .contains("| 1 | ours | 1,240 | 1,621 | 1.064 |")
                .contains("| ours/peer, short | 2 counted pairs: min–max |");
    }

    private static PeerComparison.Run run(int pair, PeerComparison.Bot bot, LoadsrvReport report, double others) {
        return new PeerComparison.Run(pair, bot, report, others, 0, Path.of("x"), PeerComparison.StartUp.UNKNOWN);
    }
}
