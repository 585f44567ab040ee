#!/bin/sh
# End-to-end benchmark of the bot: the real jar as its own process against a local fake Bot API.
# See BENCHMARKS.md for what is measured and the latest results.
#
#   bench/run.sh                  every scenario below, in order (about 40 minutes)
#   bench/run.sh closed open500   just those
#   bench/run.sh custom --rate 300 --seconds 10 --bot-flags "-XX:+UseSerialGC -Xmx64m"
#
# Each scenario's report is printed and kept in target/bench/<scenario>.txt.
set -eu
cd "$(dirname "$0")/.."

OUT=target/bench
README_FLAGS="-XX:+UseSerialGC"
SMALL_FLAGS="-XX:+UseSerialGC -Xss512k -Xmx64m -XX:TieredStopAtLevel=1"
# Absolute: the bot runs in a temporary folder of its own.
CDS_ARCHIVE="$(pwd)/$OUT/backtriage.jsa"

# The jar, the test classes and their class path (target/bench/classpath.txt); no tests run.
mvn -B -q -Pbench package
mkdir -p "$OUT"
CP="target/test-classes:target/classes:$(cat "$OUT/classpath.txt")"

harness() {
    # The harness gets a core's worth of its own settings, so it stays light next to the bot.
    java -XX:+UseSerialGC -cp "$CP" org.backtriage.bench.Benchmark "$@"
}

machine() {
    echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)," \
        "$(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
    echo "java:    $(java -version 2>&1 | sed -n 2p)"
    echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) before the run"
}

run() {
    name=$1
    shift
    echo "== $name: $*"
    {
        machine
        echo "command: bench/run.sh custom $*"
        harness "$@"
    } 2>&1 | tee "$OUT/$name.txt"
    echo
}

scenario() {
    case "$1" in
        # 1,000 people at once, each walking a complete path: the issue's definition. With the
        # production pacing (25 messages/s) this takes about 15 minutes.
        closed) run closed --people 1000 --bot-flags "$README_FLAGS" ;;
        # The same load for one minute only.
        closed60) run closed60 --people 1000 --seconds 60 --bot-flags "$README_FLAGS" ;;
        # Fixed arrival rates: latency under load rather than at saturation. The replies trail at
        # the paced rate, so the run waits minutes for the last ones.
        open500) run open500 --rate 500 --seconds 10 --bot-flags "$README_FLAGS" ;;
        open1000) run open1000 --rate 1000 --seconds 5 --bot-flags "$README_FLAGS" ;;
        open2000) run open2000 --rate 2000 --seconds 3 --bot-flags "$README_FLAGS" ;;
        # Memory and start-up by JVM flags, under a short open-loop load (2,000 updates). -Xmx rather
        # than -XX:MaxRAMPercentage, which is a share of the machine's (or container's) memory.
        flags)
            run flags-default --rate 500 --seconds 4 --bot-flags "-XX:+UseSerialGC"
            run flags-xmx64m --rate 500 --seconds 4 --bot-flags "-XX:+UseSerialGC -Xss512k -Xmx64m"
            run flags-xmx32m --rate 500 --seconds 4 --bot-flags "-XX:+UseSerialGC -Xss512k -Xmx32m"
            run flags-c1 --rate 500 --seconds 4 --bot-flags "-XX:+UseSerialGC -XX:TieredStopAtLevel=1"
            run flags-small --rate 500 --seconds 4 --bot-flags "$SMALL_FLAGS"
            ;;
        # Class data sharing: one run writes the archive at exit, the next starts from it.
        startup)
            rm -f "$CDS_ARCHIVE"
            run startup-plain --people 5 --seconds 3 --bot-flags "$SMALL_FLAGS"
            run startup-cds-dump --people 5 --seconds 3 --bot-flags "$SMALL_FLAGS -XX:ArchiveClassesAtExit=$CDS_ARCHIVE"
            run startup-cds --people 5 --seconds 3 --bot-flags "$SMALL_FLAGS -XX:SharedArchiveFile=$CDS_ARCHIVE"
            run startup-cds-readme --people 5 --seconds 3 --bot-flags "$README_FLAGS -XX:SharedArchiveFile=$CDS_ARCHIVE"
            ;;
        # Where the bot spends its time while taking in updates as fast as it can.
        profile)
            run profile --rate 2000 --seconds 3 --bot-flags "$README_FLAGS" --jfr "$OUT/bot.jfr"
            java -cp "$CP" org.backtriage.bench.HotSpots "$OUT/bot.jfr" | tee "$OUT/profile-hotspots.txt"
            ;;
        *) echo "unknown scenario: $1" >&2; exit 2 ;;
    esac
}

if [ "${1:-}" = custom ]; then
    shift
    run custom "$@"
    exit
fi
if [ $# -eq 0 ]; then
    set -- closed open500 open1000 open2000 flags startup profile
fi
for name in "$@"; do
    scenario "$name"
done
