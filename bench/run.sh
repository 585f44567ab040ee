#!/bin/sh
# End-to-end benchmark of the bot: the real jar as its own process against a local fake Bot API.
# See BENCHMARKS.md for what is measured and the latest results.
#
#   bench/run.sh                  every scenario below but postgres, in order (30-40 minutes with the idle waits)
#   bench/run.sh closed open500   just those
#   bench/run.sh http-cost        what one Bot API call costs in CPU, by HTTP client (1 minute)
#   bench/run.sh parse-cost       what reading a getUpdates answer costs, per update (seconds)
#   bench/run.sh postgres         SQLite polling beside PostgreSQL webhook, one and two instances (about 25 minutes);
#                                 starts a throwaway PostgreSQL server (.ci/postgres.sh) unless BACKTRIAGE_TEST_POSTGRES names one
#   bench/run.sh custom --rate 300 --seconds 10 --bot-flags "-XX:+UseSerialGC -Xmx64m"
#   bench/run.sh peer             side by side with the grammY peer, alternately, on its load server (10 minutes)
#   bench/run.sh peer short       just that part (long, short, plain; shipped); PAIRS=1 for one pair each
#
# Each scenario's report is printed and kept in target/bench/<scenario>.txt.
set -eu
cd "$(dirname "$0")/.."

# The postgres scenario (and --postgres) needs a PostgreSQL server: a throwaway one unless one is named.
for arg in "$@"; do
    if { [ "$arg" = postgres ] || [ "$arg" = --postgres ]; } && [ -z "${BACKTRIAGE_TEST_POSTGRES:-}" ]; then
        exec bash .ci/postgres.sh "$(pwd)/bench/run.sh" "$@"
    fi
done

# A JDK 25 for the build, the harness and the bot, as CI finds it.
. .ci/jdk25.sh
OUT=target/bench
# The flags README recommends (keep in step with it), and the plain ones it recommended before.
README_FLAGS="-XX:+UseSerialGC -Xss512k -Xms8m -Xmx28m -XX:TieredStopAtLevel=1"
SERIAL_FLAGS="-XX:+UseSerialGC"
# README's training run leaves the methods' profiles out of the AOT cache.
AOT_TRAINING="-XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining"
# Absolute: the bot runs in a temporary folder of its own.
CDS_ARCHIVE="$(pwd)/$OUT/backtriage.jsa"
AOT_CACHE="$(pwd)/$OUT/backtriage.aot"
# An AOT cache trained with compact object headers on (it only works with the flag it was trained with).
AOT_CACHE_COMPACT="$(pwd)/$OUT/backtriage-compact.aot"

# The jar, the test classes and their class path (target/bench/classpath.txt); no tests run.
mvn -B -q -Pbench package
mkdir -p "$OUT"
CP="target/test-classes:target/classes:$(cat "$OUT/classpath.txt")"

# The harness shares the two cores with the bot, so it must stay light: with the C2 compiler
# it would still be compiling its own code during the measured part.
harness_jvm() {
    java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$CP" "$@"
}

harness() {
    harness_jvm org.backtriage.bench.Benchmark "$@"
}

machine() {
    echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)," \
        "$(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
    echo "java:    $(java -version 2>&1 | sed -n 2p)"
    echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) before the run"
}

# CPU the whole machine is using, in percent of one core, measured over two seconds.
busy_percent() {
    set -- $(head -1 /proc/stat)
    before=$(( $2 + $3 + $4 + $7 + $8 + $9 ))
    sleep 2
    set -- $(head -1 /proc/stat)
    after=$(( $2 + $3 + $4 + $7 + $8 + $9 ))
    echo $(( (after - before) / 2 ))  # 100 ticks a second: over 2 s, 200 ticks are one core
}

# Other work on the machine disturbs every number: wait (up to 10 minutes, or BENCH_QUIET_WAIT
# seconds) until it is idle.
await_quiet() {
    waited=0
    while [ "$(busy_percent)" -gt 15 ] && [ $waited -lt "${BENCH_QUIET_WAIT:-600}" ]; do
        waited=$((waited + 2))
    done
    echo "quiet:   waited ${waited} s for the machine to be idle (under 15% of a core busy)"
}

run() {
    name=$1
    shift
    # As typed in the project folder: no machine paths in the reports.
    typed=$(echo "$*" | sed "s|$(pwd)/||g")
    echo "== $name: $typed"
    {
        await_quiet
        machine
        echo "command: bench/run.sh custom $typed"
        harness "$@"
    } 2>&1 | tee "$OUT/$name.txt"
    echo
}

# BACKTRIAGE_PACING=off: the bot sends as fast as the local Bot API answers. With Telegram's
# pacing (the default) it sends about 25 messages a second, whatever the machine.
UNPACED="--bot-env BACKTRIAGE_PACING=off"

# A class-data-sharing archive of the classes a short bot run loads, written at its exit.
cds_archive() {
    rm -f "$CDS_ARCHIVE"
    run cds-dump --people 5 $UNPACED --bot-flags "$README_FLAGS -XX:ArchiveClassesAtExit=$CDS_ARCHIVE" > /dev/null
}

# JDK 25's AOT cache (JEP 514): the classes a short bot run loaded and linked, written at its exit,
# with README's flags and then $1 (more flags); without the methods' profiles, as README writes it.
aot_cache() {
    rm -f "$2"
    run aot-train --people 5 $UNPACED --bot-flags "$README_FLAGS $1 $AOT_TRAINING -XX:AOTCacheOutput=$2" > /dev/null
}

# Five short runs with the same flags; only their start-up lines are shown.
starts() {
    for i in 1 2 3 4 5; do
        run "$1-$i" --people 5 $UNPACED --bot-flags "$2" | grep -E '^(== |start-up: |bot memory: )'
    done
}

# The harness options for a store and an intake: sqlite-polling, postgres-webhook2...
intake() {
    case "$1" in
        sqlite-polling) ;;
        sqlite-webhook1) echo "--webhook 1" ;;
        postgres-polling) echo "--postgres" ;;
        postgres-webhook1) echo "--postgres --webhook 1" ;;
        postgres-webhook2) echo "--postgres --webhook 2" ;;
    esac
}

scenario() {
    case "$1" in
        # 1,000 people at once, each walking a complete path, after 1,000 unmeasured ones (the JIT compiler is still busy after 200).
        # Three times each: throughput and latency vary from run to run on this kind of machine.
        closed)
            for i in 1 2 3; do
                run "closed-$i" --people 1000 --warm-up 1000 $UNPACED --bot-flags "$README_FLAGS"
            done
            ;;
        # 200 people, as the grammY bot was measured.
        closed200)
            for i in 1 2 3; do
                run "closed200-$i" --people 200 --warm-up 1000 $UNPACED --bot-flags "$README_FLAGS"
            done
            ;;
        # The same, with the operator endpoint on, for the bot's own handling time per update.
        closed-metrics) run closed-metrics --people 1000 --warm-up 1000 $UNPACED --metrics --bot-flags "$README_FLAGS" ;;
        # Fixed arrival rates: latency under load rather than at saturation.
        open500) run open500 --rate 500 --seconds 20 --warm-up 1000 $UNPACED --bot-flags "$README_FLAGS" ;;
        # Three times: the 99th percentile at this rate varies from run to run.
        open1000)
            for i in 1 2 3; do
                run "open1000-$i" --rate 1000 --seconds 20 --warm-up 1000 $UNPACED --bot-flags "$README_FLAGS"
            done
            ;;
        # A minute at 1,000 a second: the CPU per update once the JIT compiler has settled.
        open1000-60s) run open1000-60s --rate 1000 --seconds 60 --warm-up 1000 $UNPACED --bot-flags "$README_FLAGS" ;;
        open2000) run open2000 --rate 2000 --seconds 10 --warm-up 1000 $UNPACED --bot-flags "$README_FLAGS" ;;
        # Above what the bot can answer: how fast it still takes updates in (durable, replies queued).
        open3000) run open3000 --rate 3000 --seconds 5 --warm-up 1000 $UNPACED --bot-flags "$README_FLAGS" ;;
        # With Telegram's pacing: 1,000 people for one minute (all of them would take about 15
        # minutes), and arrivals at 500 a second for 4 s (the replies then trail for 80 s).
        closed-paced) run closed-paced --people 1000 --seconds 60 --bot-flags "$README_FLAGS" ;;
        open500-paced) run open500-paced --rate 500 --seconds 4 --bot-flags "$README_FLAGS" ;;
        # 200 people start at once, each one whole conversation, paced as in production: the
        # conversations a minute and the wait per answer within Telegram's limits (issue 13).
        people200-paced) run people200-paced --people 200 --warm-up 0 --bot-flags "$README_FLAGS" ;;
        # Peak memory by JVM flags, under the same load (1,000 updates/s for 10 s). -Xmx rather
        # than -XX:MaxRAMPercentage, which is a share of the machine's (or container's) memory.
        flags)
            cds_archive
            run flags-serial --rate 1000 --seconds 10 --warm-up 1000 $UNPACED --bot-flags "$SERIAL_FLAGS"
            run flags-xmx64m --rate 1000 --seconds 10 --warm-up 1000 $UNPACED --bot-flags "-XX:+UseSerialGC -Xss512k -Xmx64m"
            run flags-xmx32m --rate 1000 --seconds 10 --warm-up 1000 $UNPACED --bot-flags "-XX:+UseSerialGC -Xss512k -Xmx32m"
            run flags-c1 --rate 1000 --seconds 10 --warm-up 1000 $UNPACED --bot-flags "-XX:+UseSerialGC -XX:TieredStopAtLevel=1"
            run flags-readme --rate 1000 --seconds 10 --warm-up 1000 $UNPACED --bot-flags "$README_FLAGS"
            run flags-readme-cds --rate 1000 --seconds 10 --warm-up 1000 $UNPACED \
                --bot-flags "$README_FLAGS -XX:SharedArchiveFile=$CDS_ARCHIVE"
            ;;
        # Start-up, five times each: without and with class data sharing (an archive written at
        # the exit of one run, then used by the next ones), and with JDK 25's AOT cache, without
        # and with compact object headers.
        startup)
            cds_archive
            aot_cache "" "$AOT_CACHE"
            aot_cache "-XX:+UseCompactObjectHeaders" "$AOT_CACHE_COMPACT"
            starts startup-serial "$SERIAL_FLAGS"
            starts startup-readme "$README_FLAGS"
            starts startup-serial-cds "$SERIAL_FLAGS -XX:SharedArchiveFile=$CDS_ARCHIVE"
            starts startup-readme-cds "$README_FLAGS -XX:SharedArchiveFile=$CDS_ARCHIVE"
            starts startup-readme-aot "$README_FLAGS -XX:AOTCache=$AOT_CACHE"
            starts startup-readme-aot-compact "$README_FLAGS -XX:+UseCompactObjectHeaders -XX:AOTCache=$AOT_CACHE_COMPACT"
            ;;
        # README's command with class data sharing, then with the AOT cache, alternately, five
        # times each: what the AOT cache changes, side by side.
        startup-aot)
            cds_archive
            aot_cache "" "$AOT_CACHE"
            for i in 1 2 3 4 5; do
                run "startup-aot-cds-$i" --people 5 $UNPACED --bot-flags "$README_FLAGS -XX:SharedArchiveFile=$CDS_ARCHIVE" \
                    | grep -E '^(== |start-up: |bot memory: )'
                run "startup-aot-aot-$i" --people 5 $UNPACED --bot-flags "$README_FLAGS -XX:AOTCache=$AOT_CACHE" \
                    | grep -E '^(== |start-up: |bot memory: )'
            done
            ;;
        # Where the bot spends its time: at saturation without pacing, and taking in a burst
        # with pacing.
        profile)
            run profile --people 1000 --warm-up 1000 $UNPACED --bot-flags "$README_FLAGS" --jfr "$OUT/bot.jfr"
            java -cp "$CP" org.backtriage.bench.HotSpots "$OUT/bot.jfr" | tee "$OUT/profile-hotspots.txt"
            run profile-paced --rate 2000 --seconds 3 --bot-flags "$README_FLAGS" --jfr "$OUT/bot-paced.jfr"
            java -cp "$CP" org.backtriage.bench.HotSpots "$OUT/bot-paced.jfr" | tee "$OUT/profile-paced-hotspots.txt"
            ;;
        # SQLite with long polling beside PostgreSQL with a webhook, one instance and two sharing the
        # database (the fake Bot API delivering to them in turn, as Telegram and a load balancer
        # would), and between them SQLite with a webhook and PostgreSQL with polling, to tell the
        # webhook's cost from the database's. Interleaved, so that the ratios are measured side by
        # side: twice at saturation (closed loop), then once at a fixed rate below it.
        postgres)
            for i in 1 2; do
                for how in sqlite-polling sqlite-webhook1 postgres-polling postgres-webhook1 postgres-webhook2; do
                    run "postgres-$how-$i" --people 1000 --warm-up 1000 $(intake "$how") $UNPACED --bot-flags "$README_FLAGS"
                done
            done
            for how in sqlite-polling postgres-webhook1 postgres-webhook2; do
                run "postgres-$how-open300" --rate 300 --seconds 20 --warm-up 1000 $(intake "$how") $UNPACED --bot-flags "$README_FLAGS"
            done
            ;;
        # What one Bot API call costs in CPU: OkHttp as the bot calls, OkHttp without timeouts,
        # and a bare socket (the system calls alone), against a minimal local server.
        http-cost)
            echo "== http-cost"
            {
                await_quiet
                machine
                java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$CP" org.backtriage.bench.HttpCallCost 10000
            } 2>&1 | tee "$OUT/http-cost.txt"
            ;;
        # What reading a getUpdates answer costs the poller: in one piece (the library) or each update on its own (ours).
        parse-cost)
            echo "== parse-cost"
            {
                await_quiet
                machine
                java -XX:+UseSerialGC -Xmx28m -XX:TieredStopAtLevel=1 -cp "$CP" org.backtriage.bench.UpdateParseCost
            } 2>&1 | tee "$OUT/parse-cost.txt"
            ;;
        *) echo "unknown scenario: $1" >&2; exit 2 ;;
    esac
}

# --- Side by side with the grammY peer (BENCHMARKS.md, "Side by side with the peer") ----------
# The peer and our bot run alternately (peer, ours, peer, ours, ...) on the peer's own load server,
# bench/loadsrv.mjs, used unchanged from the peer's folder; only the ratios of one run mean anything.
PEER_SRC=${PEER_SRC:-../shared/peers/grammy}
# A writable copy (the peer's folder is read-only), set up once and reused while it is unchanged:
# setup.sh compiles better-sqlite3 from source, about 2 minutes.
PEER_APP="$(pwd)/$OUT/peer/grammy"

peer_setup() {
    if [ -d "$PEER_APP/node_modules/better-sqlite3/build" ] \
            && diff -rq -x node_modules -x '*.db*' "$PEER_SRC" "$PEER_APP" > /dev/null; then
        echo "peer:    $OUT/peer/grammy, set up earlier from $PEER_SRC (unchanged since)"
        return
    fi
    echo "peer:    copying $PEER_SRC to $OUT/peer/grammy and running its setup.sh (about 2 minutes)"
    rm -rf "$PEER_APP"
    mkdir -p "$OUT/peer"
    cp -r "$PEER_SRC" "$PEER_APP"
    chmod -R u+w "$PEER_APP"
    (cd "$PEER_APP" && ./setup.sh)
}

# One scenario: name, people, rounds, pairs at most, the seconds they may take, the targets (issue 13's
# ratios to the peer, none for the plain run), our bot's JVM flags, the peer's BACKTRIAGE_SQLITE_SYNCHRONOUS. Our bot runs the tree with the peer's
# 8 questions (bench/peer/), which the load server can walk by its button labels, unpaced like the peer.
peer_compare() {
    echo "== peer $1"
    {
        machine
        echo "command: bench/run.sh peer $1"
        harness_jvm org.backtriage.bench.PeerComparison --name "$1" --users "$2" --rounds "$3" --pairs "$4" --budget "$5" \
            --loadsrv "$PEER_APP/bench/loadsrv.mjs" --out "$OUT/peer" \
            $6 \
            --bot peer --cwd "$PEER_APP" --cmd "./run.sh bot" --env "BACKTRIAGE_SQLITE_SYNCHRONOUS=$8" \
            --bot ours --cmd "java $7 -jar $(pwd)/target/backtriage.jar bot" \
            --env BACKTRIAGE_PACING=off --env "BACKTRIAGE_TREE=$(pwd)/bench/peer/triage-tree.json"
    } 2>&1 | tee "$OUT/peer/$1.txt"
    echo
}

# Issue 13's targets, as ratios to the peer: the throughput's (argument), CPU per update, peak RSS, first getUpdates.
targets() {
    echo "--target-throughput $1 --target-cpu 0.5 --target-rss 0.7 --target-start 2"
}

peer() {
    [ $# -gt 0 ] || set -- long short plain
    peer_setup
    java -jar target/backtriage.jar validate bench/peer/triage-tree.json
    # README's command: its flags and an AOT cache, written at the exit of a short run.
    rm -f "$AOT_CACHE"
    harness --people 5 $UNPACED --bot-flags "$README_FLAGS $AOT_TRAINING -XX:AOTCacheOutput=$AOT_CACHE" > "$OUT/peer/aot-train.txt" 2>&1
    ours="$README_FLAGS -XX:AOTCache=$AOT_CACHE"
    for part in "$@"; do
        case "$part" in
            # 200 people x 15 rounds, unpaced: throughput at saturation once both have warmed up.
            long) peer_compare long 200 15 "${PAIRS:-5}" 240 "$(targets 2)" "$ours" NORMAL ;;
            # 200 x 3: a short run from a cold start, where the JVM is still loading and compiling.
            short) peer_compare short 200 3 "${PAIRS:-9}" 150 "$(targets 1.5)" "$ours" NORMAL ;;
            # The short run with a plain `java -jar`: no flags, no archive (README gives flags; no target here).
            plain) peer_compare plain 200 3 "${PAIRS:-5}" 75 "" "" NORMAL ;;
            # The long run with the peer as shipped: SQLite's default synchronous=FULL, a sync per commit.
            shipped) peer_compare shipped 200 15 "${PAIRS:-1}" 120 "$(targets 2)" "$ours" FULL ;;
            *) echo "unknown peer scenario: $part" >&2; exit 2 ;;
        esac
    done
}

if [ "${1:-}" = peer ]; then
    shift
    peer "$@"
    exit
fi
if [ "${1:-}" = custom ]; then
    shift
    run custom "$@"
    exit
fi
if [ $# -eq 0 ]; then
    set -- closed closed200 closed-metrics open500 open1000 open1000-60s open2000 open3000 closed-paced open500-paced people200-paced flags startup profile http-cost
fi
for name in "$@"; do
    scenario "$name"
done
