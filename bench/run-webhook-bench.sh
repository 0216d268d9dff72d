#!/usr/bin/env bash
# Webhook load benchmark: signed LINE webhooks at a constant rate against the running jar, answered
# through a fake LINE Messaging API. See bench/README.md. The last line of output is a JSON summary.
#
#   bench/run-webhook-bench.sh                       # 500 events/s, 30 s, 2,000 users, H2
#   bench/run-webhook-bench.sh --db postgres --duration 60s
#
set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/run-webhook-bench.sh [options]
  --rate N            events (= signed webhook posts) per second, open loop    [500]
  --duration D        measured load, e.g. 30s, 2m                              [30s]
  --warmup D          ramp from a tenth of the rate up to it before measuring   [90s]
  --settle-max D      then at most this long at the full rate until the bot keeps up [120s]
  --users N           distinct LINE user ids                                   [2000]
  --drain D           longest wait for the last answers after the load         [30s]
  --crisis-every N    every Nth event says "もう死にたい"; their answers are measured apart
                      (crisis_reply_* in the summary)                           [0: none]
  --db h2|postgres    H2 file in a temp dir, or an embedded PostgreSQL 14      [h2]
  --pg-mode durable|fast   PostgreSQL with fsync+synchronous_commit on, or zonky's fsync=off [durable]
  --pg-statements     load pg_stat_statements into the embedded PostgreSQL (costs it some CPU)
  --db-url URL        with --db postgres: a PostgreSQL of your own instead of the embedded one, e.g. on
                      a host of its own (jdbc:postgresql://db:5432/bench?user=bench&password=...); give
                      it an empty database (the bot migrates it); its CPU is not measured
  --h2-options ";K=V"  appended to the H2 URL (e.g. ";QUERY_CACHE_SIZE=64")
  --heap SIZE         the bot's -Xmx                     [from config/jvm.options: 192m]
  --jvm-opts "..."    more JVM options for the bot, after those of config/jvm.options
  --api-latency D     delay of the fake LINE API per call (real LINE: tens of ms) [0ms]
  --jfr               record a JFR profile of the bot (bench/results/raw/*.jfr)
  --aot-cache         run the bot from the extracted jar with a JDK AOT cache made by a training
                      run that stops once the application context is up (Spring Boot's recipe)
  --label TEXT        a name for this run in the summary
  --rebuild           build the jar even if target/ has one
  -h, --help
Anything after -- is passed to the bot as further arguments (e.g. -- --iriguchi.line.worker.concurrency=64).
EOF
}

RATE=500 DURATION=30s WARMUP=90s SETTLE_MAX=120s USERS=2000 DRAIN=30s CRISIS_EVERY=0 DB=h2 PG_MODE=durable PG_STATEMENTS="" GIVEN_DB_URL="" HEAP="" JVM_OPTS="" API_LATENCY=0ms
JFR=false AOT_CACHE=false LABEL="" REBUILD=false BOT_EXTRA=() H2_OPTIONS=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) RATE=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --settle-max) SETTLE_MAX=$2; shift 2 ;;
    --users) USERS=$2; shift 2 ;;
    --drain) DRAIN=$2; shift 2 ;;
    --crisis-every) CRISIS_EVERY=$2; shift 2 ;;
    --db) DB=$2; shift 2 ;;
    --pg-mode) PG_MODE=$2; shift 2 ;;
    --pg-statements) PG_STATEMENTS=statements; shift ;;
    --db-url) GIVEN_DB_URL=$2; shift 2 ;;
    --heap) HEAP=$2; shift 2 ;;
    --h2-options) H2_OPTIONS=$2; shift 2 ;;
    --jvm-opts) JVM_OPTS=$2; shift 2 ;;
    --api-latency) API_LATENCY=$2; shift 2 ;;
    --jfr) JFR=true; shift ;;
    --aot-cache) AOT_CACHE=true; shift ;;
    --label) LABEL=$2; shift 2 ;;
    --rebuild) REBUILD=true; shift ;;
    -h|--help) usage; exit 0 ;;
    --) shift; BOT_EXTRA=("$@"); break ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done
case "$DB" in h2|postgres) ;; *) echo "--db is h2 or postgres, not $DB" >&2; exit 2 ;; esac
case "$PG_MODE" in durable|fast) ;; *) echo "--pg-mode is durable or fast, not $PG_MODE" >&2; exit 2 ;; esac
case "$GIVEN_DB_URL" in ""|jdbc:postgresql:*) ;; *) echo "--db-url is a jdbc:postgresql: URL, not $GIVEN_DB_URL" >&2; exit 2 ;; esac
if [ -n "$GIVEN_DB_URL" ] && [ "$DB" != postgres ]; then echo "--db-url goes with --db postgres" >&2; exit 2; fi

cd "$(dirname "$0")/.."
ROOT=$(pwd)
# shellcheck source=../scripts/select-jdk.sh
source scripts/select-jdk.sh

say() { echo "[bench] $*"; }

shopt -s nullglob
jars=(target/*.jar)
if $REBUILD || [ ${#jars[@]} -eq 0 ]; then
  say "building the jar (./mvnw -q -DskipTests package)"
  ./mvnw -q -DskipTests package
  jars=(target/*.jar)
fi
if [ ${#jars[@]} -ne 1 ]; then
  echo "expected exactly one jar in target/, found: ${jars[*]:-none}" >&2
  exit 1
fi
JAR=${jars[0]}

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RAW="$ROOT/bench/results/raw"
mkdir -p "$RAW"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/webhook-bench.XXXXXX")
SECRET=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
LABEL=${LABEL:-"$DB ${RATE}/s ${DURATION}"}
BOT_LOG="$RAW/$STAMP-bot.log"
GEN_LOG="$RAW/$STAMP-generator.log"

BOT_PID="" GEN_PID="" PG_PID=""
stop() { # pid, name: SIGTERM, then SIGKILL after 30 s
  local pid=$1 name=$2
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  say "$name (pid $pid) did not stop in 30 s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
  stop "$BOT_PID" bot
  stop "$GEN_PID" "load generator"
  stop "$PG_PID" PostgreSQL
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -n "$GIVEN_DB_URL" ]; then
  DB_URL=$GIVEN_DB_URL
  say "using the PostgreSQL at ${DB_URL%%\?*} (its settings are yours; its CPU is not measured)"
elif [ "$DB" = postgres ]; then
  CP_FILE=target/bench-test-classpath.txt
  if [ ! -s "$CP_FILE" ] || [ pom.xml -nt "$CP_FILE" ]; then
    say "resolving the test classpath (embedded PostgreSQL)"
    ./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null
  fi
  say "starting an embedded PostgreSQL ($PG_MODE)"
  java -Xmx128m -cp "$(cat "$CP_FILE")" bench/src/EmbeddedPostgresServer.java "$WORK/pg.url" "$PG_MODE" $PG_STATEMENTS \
    > "$RAW/$STAMP-postgres.log" 2>&1 &
  PG_PID=$!
  for _ in $(seq 1 240); do [ -s "$WORK/pg.url" ] && break; kill -0 "$PG_PID" 2>/dev/null || break; sleep 0.5; done
  [ -s "$WORK/pg.url" ] || { echo "PostgreSQL did not start; see $RAW/$STAMP-postgres.log" >&2; exit 1; }
  DB_URL=$(sed -n 1p "$WORK/pg.url")
  sed -n 3p "$WORK/pg.url" > "$WORK/db.pid"
  say "$(sed -n 2p "$WORK/pg.url")"
else
  # The embedded default's options, read from application.yaml so that the two cannot drift.
  H2_DEFAULTS=$(sed -n 's/^ *url: jdbc:h2:file:[^;]*\(;.*\)$/\1/p' src/main/resources/application.yaml)
  DB_URL="jdbc:h2:file:$WORK/bench$H2_DEFAULTS$H2_OPTIONS"
fi

# What we ship (the Dockerfile's options), then what this run adds; a later option wins.
BOT_JVM=("@$ROOT/config/jvm.options")
[ -n "$HEAP" ] && BOT_JVM+=("-Xmx$HEAP")
# Split on spaces without globbing: nullglob (above) would silently drop an option like -Xlog:gc*.
if [ -n "$JVM_OPTS" ]; then
  read -r -a MORE_JVM_OPTS <<< "$JVM_OPTS"
  BOT_JVM+=("${MORE_JVM_OPTS[@]}")
fi
if $AOT_CACHE; then
  say "extracting the jar and training an AOT cache (start-up only, on a throwaway H2)"
  java -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" > /dev/null
  JAR="$WORK/app/$(basename "$JAR")"
  MALLOC_ARENA_MAX=2 java "${BOT_JVM[@]}" -XX:AOTCacheOutput="$WORK/app/app.aot" -Dspring.context.exit=onRefresh \
    -jar "$JAR" --spring.datasource.url="jdbc:h2:file:$WORK/training/db" > "$RAW/$STAMP-aot-training.log" 2>&1 \
    || { echo "the AOT training run failed; see $RAW/$STAMP-aot-training.log" >&2; exit 1; }
  BOT_JVM+=("-XX:AOTCache=$WORK/app/app.aot")
fi
$JFR && BOT_JVM+=("-XX:StartFlightRecording=filename=$RAW/$STAMP-bot.jfr,settings=profile,dumponexit=true")
say "machine: $(nproc) cores, $(free -h | awk '/^Mem:/ {print $2 " memory, " $7 " available"}'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx512m bench/src/LoadGenerator.java \
  --secret "$SECRET" --rate "$RATE" --duration "$DURATION" --warmup "$WARMUP" --settle-max "$SETTLE_MAX" --users "$USERS" --drain "$DRAIN" --crisis-every "$CRISIS_EVERY" \
  --ports-file "$WORK/ports" --bot-pid-file "$WORK/bot.pid" --db-pid-file "$WORK/db.pid" --json-out "$WORK/summary.json" \
  --timeline-out "$RAW/$STAMP-timeline.txt" --api-latency "$API_LATENCY" --db "$DB" --heap "${HEAP:-$(sed -n 's/^-Xmx//p' config/jvm.options)}" --label "$LABEL" \
  > >(tee "$GEN_LOG") 2>&1 &
GEN_PID=$!
for _ in $(seq 1 240); do [ -s "$WORK/ports" ] && break; kill -0 "$GEN_PID" 2>/dev/null || break; sleep 0.25; done
[ -s "$WORK/ports" ] || { echo "the load generator did not start; see $GEN_LOG" >&2; exit 1; }
read -r FAKE_PORT BOT_PORT < "$WORK/ports"

say "starting the bot: java ${BOT_JVM[*]} -jar $JAR (log: ${BOT_LOG#"$ROOT"/})"
MALLOC_ARENA_MAX=2 java "${BOT_JVM[@]}" -jar "$JAR" \
  --server.port="$BOT_PORT" \
  --line.bot.channel-token=bench-token \
  --line.bot.channel-secret="$SECRET" \
  --line.bot.api-end-point="http://127.0.0.1:$FAKE_PORT/" \
  --spring.datasource.url="$DB_URL" \
  "${BOT_EXTRA[@]}" > "$BOT_LOG" 2>&1 &
BOT_PID=$!
echo "$BOT_PID" > "$WORK/bot.pid"

wait "$GEN_PID" || true
GEN_PID=""
stop "$BOT_PID" bot
BOT_PID=""
errors=$(grep -c -E ' (ERROR|WARN) ' "$BOT_LOG" || true)
say "bot stopped; $errors WARN/ERROR lines in its log"
$JFR && say "JFR recording: bench/results/raw/$STAMP-bot.jfr (jfr print --events jdk.ExecutionSample …, or JDK Mission Control)"
[ -s "$WORK/summary.json" ] || { echo "no summary: the run failed; see $GEN_LOG and $BOT_LOG" >&2; exit 1; }
SUMMARY=$(cat "$WORK/summary.json")
SUMMARY="${SUMMARY%\}},\"git\":\"$(git rev-parse --short HEAD 2>/dev/null || echo unknown)\",\"bot_log_warn_error\":$errors}"
echo "$SUMMARY" >> "$RAW/runs.jsonl"
echo "$SUMMARY"
