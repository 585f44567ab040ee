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
            cold start: first getUpdates 1477.2 ms after spawn
            updates injected 4849, handled 4849, unfinished users 0, unexpected extra sends 0, HTTP errors returned 0
            throughput: 734.2 updates/s overall in 6.60 s, 988.1 sustained (middle 80%), peak 1354 in 1 s
            latency ms (update offered -> next question/ending arrives): p50 162.3 p95 656.9 p99 1007.7 max 1050.9
            bot API calls excl. getUpdates: 9701 (1468.8/s), getUpdates 305; by method {"deleteWebhook":1,"getupdates":305,\
            "setMyCommands":2,"sendMessage":1200,"answerCallbackQuery":4249,"editMessageText":4249}
            bot CPU 4.51 s = 0.930 ms/update (68.3% of one core); load server CPU 1.80 s; bot RSS peak 108.1 MB (VmHWM 108.1 MB)
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

        assertThat(report.coldStartMs()).isEqualTo(1477.2);
        assertThat(report.injected()).isEqualTo(4849);
        assertThat(report.handled()).isEqualTo(4849);
        assertThat(report.unfinished()).isZero();
        assertThat(report.timedOut()).isFalse();
        assertThat(report.unexpected()).isZero();
        assertThat(report.httpErrors()).isZero();
        assertThat(report.overall()).isEqualTo(734.2);
        assertThat(report.seconds()).isEqualTo(6.60);
        assertThat(report.sustained()).isEqualTo(988.1);
        assertThat(report.peakPerSecond()).isEqualTo(1354);
        assertThat(List.of(report.p50(), report.p95(), report.p99(), report.max())).containsExactly(162.3, 656.9, 1007.7, 1050.9);
        assertThat(report.calls()).isEqualTo(9701);
        assertThat(report.getUpdates()).isEqualTo(305);
        assertThat(report.byMethod()).startsWith("{\"deleteWebhook\":1").endsWith("\"editMessageText\":4249}");
        assertThat(report.botCpuSeconds()).isEqualTo(4.51);
        assertThat(report.cpuMsPerUpdate()).isEqualTo(0.930);
        assertThat(report.corePercent()).isEqualTo(68.3);
        assertThat(report.loadServerCpuSeconds()).isEqualTo(1.80);
        assertThat(report.rssPeakMb()).isEqualTo(108.1);
        assertThat(report.hwmMb()).isEqualTo(108.1);
        assertThat(report.callsPerUpdate()).isEqualTo(9701.0 / 4849);
    }

    @Test
    void aRunIsCleanOnlyWhenEveryoneFinishedWithNoErrorAndNoUnaskedSend() {
        assertThat(LoadsrvReport.parse(OURS).clean()).isTrue();
        assertThat(LoadsrvReport.parse(PEER).clean()).isTrue();
        assertThat(LoadsrvReport.parse(OURS.replace("unexpected extra sends 0", "unexpected extra sends 199")).clean()).isFalse();
        assertThat(LoadsrvReport.parse(PEER.replace("unfinished users 0,", "unfinished users 3 (TIMEOUT),")).clean()).isFalse();
        assertThat(LoadsrvReport.parse(PEER.replace("HTTP errors returned 0", "HTTP errors returned 2")).clean()).isFalse();
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

        assertThat(startUp.starting()).isCloseTo(1.4772 - 0.112, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(startUp.firstGetUpdates()).isEqualTo(1.4772);
        assertThat(PeerComparison.startUp("backtriage (grammY) polling", LoadsrvReport.parse(PEER)))
                .isEqualTo(PeerComparison.StartUp.UNKNOWN);
    }

    @Test
    void theTablePrintsEachPairAndTheMedianRatioAgainstTheTargetsWithHowBusyTheMachineWas() {
        PeerComparison.Options options = PeerComparison.Options.parse(new String[] {"--name", "short", "--pairs", "3",
                "--loadsrv", "loadsrv.mjs", "--target-throughput", "1.5", "--target-cpu", "0.5",
                "--bot", "peer", "--cmd", "./run.sh bot", "--bot", "ours", "--cmd", "java -jar b.jar bot"});
        PeerComparison.Bot peer = options.bots.get(0);
        PeerComparison.Bot ours = options.bots.get(1);
        LoadsrvReport peerReport = LoadsrvReport.parse(PEER);
        LoadsrvReport oursReport = LoadsrvReport.parse(OURS);
        LoadsrvReport slowerPeer = LoadsrvReport.parse(PEER.replace("689.7 updates/s", "367.1 updates/s"));
        List<PeerComparison.Run> runs = List.of(
                run(1, peer, peerReport, 0.1, 1.5), run(1, ours, oursReport, 0.2, 2.5),
                run(2, ours, oursReport, 0.3, 3.0), run(2, peer, slowerPeer, 0.9, 4.0),
                run(3, peer, peerReport, 1.2, 5.5), run(3, ours, oursReport, 0.4, 3.5));

        String table = PeerComparison.table(options, runs);

        assertThat(table).contains("| 1 | ours/peer | 1.06× |", "| 2 | ours/peer | 2.00× |", "| 3 | ours/peer | 1.06× |")
                .contains("| 2 | peer | 367 | 791 | 1.322 |")
                .contains("| 1 | ours | 734 | 988 | 0.930 | 162.3 | 1,007.7 | 108.1 | 1,477 | 2.00 | 0.20 | 2.5 | yes |")
                .contains("| ours/peer, short | median of 3 pairs | min–max | target | met |")
                .contains("| updates/s overall | 1.06× | 1.06–2.00× | ≥ 1.5× | **no** |")
                .contains("| CPU ms/update | 0.70× | 0.70–0.70× | ≤ 0.5× | **no** |")
                .contains("| p50 ms | 0.72× | 0.72–0.72× |  |  |")
                .contains("machine: other processes kept 0.35 cores busy (median; 0.10–1.20) of ")
                .contains("during the 6 runs; 1-minute load average 3.3 (median; 1.5–5.5) as they started")
                .contains("a busy machine: ")
                .contains("quietest pair: 1 (other processes at most 0.20 cores busy): updates/s overall 1.06×, CPU ms/update 0.70×\n");
    }

    @Test
    void theBotsSwapPlacesInEveryOtherPair() {
        PeerComparison.Options options = PeerComparison.Options.parse(new String[] {"--loadsrv", "loadsrv.mjs",
                "--bot", "peer", "--cmd", "./run.sh bot", "--bot", "ours", "--cmd", "java -jar b.jar bot"});

        assertThat(PeerComparison.inOrder(options.bots, 1)).extracting(PeerComparison.Bot::label).containsExactly("peer", "ours");
        assertThat(PeerComparison.inOrder(options.bots, 2)).extracting(PeerComparison.Bot::label).containsExactly("ours", "peer");
    }

    private static PeerComparison.Run run(int pair, PeerComparison.Bot bot, LoadsrvReport report, double others, double load) {
        return new PeerComparison.Run(pair, bot, report, others, load, 0, Path.of("x"), PeerComparison.StartUp.UNKNOWN);
    }
}
