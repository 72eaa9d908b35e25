#!/usr/bin/env bash
# Local infrastructure for taskmesh without Docker: a private PostgreSQL cluster and a
# single-node Apache Kafka (KRaft, combined broker+controller), both on 127.0.0.1 only,
# with all state under <repo>/.data/infra.
#
#   infra.sh up            install what is missing, start both, wait until they serve
#   infra.sh down          stop both (data is kept)
#   infra.sh status        state of each; exit 0 only if both are up
#   infra.sh kafka-stop    stop only the broker (keeps its data) - simulates an outage
#   infra.sh kafka-start   start only the broker again (no download, no re-format)
#   infra.sh pg-stop | pg-start
#   infra.sh env           print the connection settings
#
# Environment overrides (the fault suite runs a second pair in a private network namespace):
#   TASKMESH_INFRA_DIR     state directory (default <repo>/.data/infra)
#   TASKMESH_PG_PORT, TASKMESH_KAFKA_PORT, TASKMESH_KAFKA_CONTROLLER_PORT   (55432, 59092, 59093)
#   TASKMESH_KAFKA_LIBS    Kafka jars to reuse instead of fetching them (default <state dir>/kafka/libs)
#   PG_STOP_MODE           pg_ctl shutdown mode of pg-stop: fast (default) or immediate (simulates a crash)
#   infra.sh kafka-cli TOOL [args]   run a Kafka CLI class from the same jars, e.g.
#                          kafka-cli topics --bootstrap-server 127.0.0.1:59092 --list
#                          (TOOL: topics, console-producer, console-consumer,
#                           consumer-groups, metadata-quorum, or a full class name)
#
# Reset everything: infra.sh down && rm -rf .data/infra
set -Eeuo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
DATA="${TASKMESH_INFRA_DIR:-$ROOT/.data/infra}"

HOST=127.0.0.1
PG_PORT="${TASKMESH_PG_PORT:-55432}"
PG_USER=taskmesh
PG_PASSWORD=taskmesh
PG_DB=taskmesh
KAFKA_PORT="${TASKMESH_KAFKA_PORT:-59092}"
KAFKA_CONTROLLER_PORT="${TASKMESH_KAFKA_CONTROLLER_PORT:-59093}"
KAFKA_VERSION="${TASKMESH_KAFKA_VERSION:-4.3.1}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx768m}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-120}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
PG_STOP_TIMEOUT="${PG_STOP_TIMEOUT:-30}"
# pg_ctl's shutdown mode for pg-stop/down: fast (default) or immediate (a crash: no checkpoint, recovery on start)
PG_STOP_MODE="${PG_STOP_MODE:-fast}"

DATABASE_URL="postgres://$PG_USER:$PG_PASSWORD@$HOST:$PG_PORT/$PG_DB"
KAFKA_BROKERS="$HOST:$KAFKA_PORT"

PG_LOG="$DATA/postgres.log"
KAFKA_HOME="$DATA/kafka"
KAFKA_LIBS="${TASKMESH_KAFKA_LIBS:-$KAFKA_HOME/libs}"
KAFKA_CONFIG_DIR="$KAFKA_HOME/config"
KAFKA_LOG_DIR="$KAFKA_HOME/data"
KAFKA_PID="$DATA/kafka.pid"
KAFKA_LOG="$DATA/kafka.log"

say() { printf '[infra] %s\n' "$*"; }
die() { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

# --------------------------------------------------------------------------- helpers

port_open() { # host port
  timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null
}

APT_UPDATED=0
apt_install() {
  is_root || die "missing $*; install it (apt-get install $*) or run this script as root"
  command -v apt-get >/dev/null || die "missing $* and no apt-get on this machine"
  export DEBIAN_FRONTEND=noninteractive
  if [ "$APT_UPDATED" = 0 ]; then
    say "apt-get update"
    apt-get update -qq 9>&- >/dev/null
    APT_UPDATED=1
  fi
  say "apt-get install $*"
  apt-get install -y -qq --no-install-recommends "$@" 9>&- >/dev/null
}

lock() {
  mkdir -p "$DATA"
  # data dir is never meant to be committed
  [ -f "$DATA/.gitignore" ] || printf '*\n' >"$DATA/.gitignore"
  exec 9>"$DATA/.lock"
  if ! flock -w 300 9; then die "another infra.sh holds $DATA/.lock"; fi
}

# --------------------------------------------------------------------------- postgres

PG_BIN=""
find_pg_bin() {
  local d
  PG_BIN=""
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/postgres" ] && [ -x "$d/pg_ctl" ]; then PG_BIN="$d"; return 0; fi
  done
  if command -v pg_config >/dev/null; then
    d="$(pg_config --bindir 2>/dev/null || true)"
    if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/postgres" ]; then PG_BIN="$d"; return 0; fi
  fi
  return 1
}

ensure_pg_installed() {
  find_pg_bin && return 0
  apt_install postgresql
  find_pg_bin || die "postgresql installed but no initdb/postgres binaries found under /usr/lib/postgresql"
}

ensure_pg_user() {
  is_root || return 0
  id postgres >/dev/null 2>&1 && return 0
  say "creating system user postgres"
  useradd --system --user-group --no-create-home --home-dir /var/lib/postgresql --shell /bin/bash postgres
}

# run a command as the database owner (postgres refuses to run as root)
as_pg() {
  if is_root; then (cd / && runuser -u postgres -- "$@"); else (cd / && "$@"); fi
}

# Where the cluster lives. Normally .data/infra/postgres. If the repo sits somewhere the
# postgres user cannot reach (e.g. under /root), the cluster goes to /var/lib/taskmesh-infra/<hash>
# and .data/infra/postgres is a symlink to it, so `rm -rf .data/infra` still means "reset".
PGDATA=""
PG_SOCK=""
resolve_pgdata() {
  local link="$DATA/postgres"
  if [ -L "$link" ]; then PGDATA="$(readlink "$link")"; fi
  if [ -z "$PGDATA" ]; then
    if [ -d "$link" ] || ! is_root || as_pg test -x "$DATA"; then
      PGDATA="$link"
    else
      PGDATA="/var/lib/taskmesh-infra/$(printf '%s' "$DATA" | sha1sum | cut -c1-12)/postgres"
      if [ "${1:-}" = create ]; then
        # link gone means the user reset .data/infra: start from scratch
        if [ -e "$PGDATA" ]; then rm -rf "$PGDATA"; fi
        mkdir -p "$PGDATA"
        ln -s "$PGDATA" "$link"
        say "postgres user cannot reach $DATA; cluster lives in $PGDATA (symlinked)"
      fi
    fi
  fi
  PG_SOCK="$PGDATA"
  # unix socket paths are limited to ~107 bytes
  if [ "${#PG_SOCK}" -gt 90 ]; then PG_SOCK="/tmp"; fi
}

pg_pid() {
  local f="$PGDATA/postmaster.pid" pid
  [ -n "$PGDATA" ] && [ -f "$f" ] || return 1
  pid="$(head -n1 "$f" 2>/dev/null || true)"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  grep -q postgres "/proc/$pid/cmdline" 2>/dev/null || return 1
  printf '%s\n' "$pid"
}

pg_running() { pg_pid >/dev/null; }

pg_write_conf() {
  cat >"$PGDATA/taskmesh.conf" <<EOF
# written by scripts/infra/infra.sh on every start - edit the script, not this file
listen_addresses = '$HOST'
port = $PG_PORT
unix_socket_directories = '$PG_SOCK'
max_connections = 300
shared_buffers = 256MB
work_mem = 8MB
maintenance_work_mem = 64MB
# Durable commits: a commit the client saw is on disk. With "off" a crash (or pg_ctl -m immediate) loses
# the last ~0.6 s of acknowledged commits, and consumers that committed their Kafka offset after such a
# commit lose that work for good (docs/infra.md, docs/benchmarks.md: the cost of "on").
synchronous_commit = on
wal_level = replica
max_wal_size = 1GB
logging_collector = off
log_min_duration_statement = -1
log_line_prefix = '%m [%p] %q%u@%d '
timezone = 'UTC'
EOF
  grep -q "^include_if_exists = 'taskmesh.conf'" "$PGDATA/postgresql.conf" ||
    printf "\ninclude_if_exists = 'taskmesh.conf'\n" >>"$PGDATA/postgresql.conf"
  if is_root; then chown postgres:postgres "$PGDATA/taskmesh.conf" "$PGDATA/postgresql.conf"; fi
}

psql_su() {
  as_pg "$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d postgres "$@"
}

pg_start() {
  ensure_pg_installed
  ensure_pg_user
  mkdir -p "$DATA"
  touch "$PG_LOG"
  resolve_pgdata create
  mkdir -p "$PGDATA"
  if is_root; then chown postgres:postgres "$PGDATA"; fi
  chmod 700 "$PGDATA"

  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    say "postgres: initdb $PGDATA"
    if ! as_pg "$PG_BIN/initdb" -D "$PGDATA" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 --no-instructions >>"$PG_LOG" 2>&1 9>&-; then
      tail -n 30 "$PG_LOG" >&2
      die "initdb failed (log: $PG_LOG)"
    fi
  fi
  pg_write_conf

  if pg_running; then
    say "postgres: already running (pid $(pg_pid))"
  else
    if port_open "$HOST" "$PG_PORT"; then
      die "port $HOST:$PG_PORT is in use by something that is not this cluster"
    fi
    say "postgres: starting on $HOST:$PG_PORT"
    # server output goes to postgres.log (opened here, so the postgres user needs no access to it)
    if ! as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -w -t 60 start >>"$PG_LOG" 2>&1 </dev/null 9>&-; then
      tail -n 30 "$PG_LOG" >&2
      die "postgres failed to start (log: $PG_LOG)"
    fi
  fi

  # role + database (idempotent)
  psql_su -c "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
        CREATE ROLE $PG_USER LOGIN SUPERUSER PASSWORD '$PG_PASSWORD';
      END IF;
    END \$\$;" >/dev/null
  if [ "$(psql_su -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" != 1 ]; then
    psql_su -c "CREATE DATABASE $PG_DB OWNER $PG_USER" >/dev/null
  fi
  # prove the advertised URL works over TCP with the password
  if ! PGCONNECT_TIMEOUT=5 "$PG_BIN/psql" -X -q -A -t -c 'select 1' "$DATABASE_URL" >/dev/null 2>&1; then
    # role may predate this script with another password: reset it
    psql_su -c "ALTER ROLE $PG_USER LOGIN SUPERUSER PASSWORD '$PG_PASSWORD'" >/dev/null
    PGCONNECT_TIMEOUT=5 "$PG_BIN/psql" -X -q -A -t -c 'select 1' "$DATABASE_URL" >/dev/null ||
      die "postgres is up but $DATABASE_URL does not answer"
  fi
  say "postgres: ready at $HOST:$PG_PORT"
}

pg_stop() {
  find_pg_bin || true
  resolve_pgdata
  local pid
  if ! pid="$(pg_pid)"; then say "postgres: not running"; return 0; fi
  say "postgres: stopping (pid $pid)"
  if [ -n "$PG_BIN" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m "$PG_STOP_MODE" -w -t "$PG_STOP_TIMEOUT" stop >>"$PG_LOG" 2>&1 9>&- || true
  else
    kill -INT "$pid" 2>/dev/null || true
  fi
  local i
  for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    say "postgres: fast shutdown timed out, immediate shutdown"
    kill -QUIT "$pid" 2>/dev/null || true
    for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  fi
  if kill -0 "$pid" 2>/dev/null; then
    say "postgres: killing"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  say "postgres: stopped"
}

pg_status() {
  resolve_pgdata
  local pid
  if pid="$(pg_pid)" && port_open "$HOST" "$PG_PORT"; then
    printf 'postgres  up    %s  (pid %s, data %s)\n' "$DATABASE_URL" "$pid" "$PGDATA"
    return 0
  fi
  if [ -n "${pid:-}" ]; then
    printf 'postgres  down  %s:%s  (pid %s exists but port does not answer)\n' "$HOST" "$PG_PORT" "$pid"
  else
    printf 'postgres  down  %s:%s\n' "$HOST" "$PG_PORT"
  fi
  return 1
}

# --------------------------------------------------------------------------- kafka

ensure_java() {
  command -v java >/dev/null && return 0
  apt_install openjdk-17-jre-headless
}

ensure_kafka_libs() {
  local marker="$KAFKA_LIBS/.complete"
  if [ -f "$marker" ] && [ "$(cat "$marker")" = "$KAFKA_VERSION" ]; then return 0; fi
  command -v mvn >/dev/null || apt_install maven
  say "kafka: fetching Apache Kafka $KAFKA_VERSION jars from Maven Central (mvn)"
  local fetch="$KAFKA_HOME/fetch"
  rm -rf "$fetch" "$KAFKA_LIBS.tmp"
  mkdir -p "$fetch"
  cp "$SCRIPT_DIR/kafka/pom.xml" "$fetch/pom.xml"
  if ! (cd "$fetch" && mvn -B -q -Dstyle.color=never -Dkafka.version="$KAFKA_VERSION" \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$KAFKA_LIBS.tmp" >"$KAFKA_HOME/mvn.log" 2>&1 9>&- </dev/null); then
    tail -n 40 "$KAFKA_HOME/mvn.log" >&2
    die "mvn could not fetch Kafka $KAFKA_VERSION (log: $KAFKA_HOME/mvn.log)"
  fi
  [ -f "$KAFKA_LIBS.tmp/kafka_2.13-$KAFKA_VERSION.jar" ] || die "kafka_2.13-$KAFKA_VERSION.jar missing after mvn"
  rm -rf "$KAFKA_LIBS" "$fetch"
  mv "$KAFKA_LIBS.tmp" "$KAFKA_LIBS"
  printf '%s\n' "$KAFKA_VERSION" >"$marker"
}

kafka_write_config() {
  mkdir -p "$KAFKA_CONFIG_DIR" "$KAFKA_LOG_DIR"
  cp "$SCRIPT_DIR/kafka/log4j2-broker.properties" "$KAFKA_CONFIG_DIR/log4j2-broker.properties"
  cp "$SCRIPT_DIR/kafka/log4j2-tools.properties" "$KAFKA_CONFIG_DIR/log4j2-tools.properties"
  cat >"$KAFKA_CONFIG_DIR/server.properties" <<EOF
# written by scripts/infra/infra.sh on every start - edit the script, not this file
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$KAFKA_PORT,CONTROLLER://$HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_LOG_DIR
auto.create.topics.enable=true
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
num.network.threads=2
num.io.threads=4
log.retention.hours=168
log.segment.bytes=104857600
EOF
  cat >"$KAFKA_CONFIG_DIR/tools.properties" <<EOF
request.timeout.ms=5000
default.api.timeout.ms=10000
EOF
}

kafka_java() { # class args... (CLI tools: small heap, quiet logging, fast start)
  java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$KAFKA_CONFIG_DIR/log4j2-tools.properties" \
    -cp "$KAFKA_LIBS/*" "$@"
}

kafka_format() {
  [ -f "$KAFKA_LOG_DIR/meta.properties" ] && return 0
  local id
  id="$(kafka_java kafka.tools.StorageTool random-uuid 9>&- </dev/null | tail -n1)"
  [ -n "$id" ] || die "kafka: could not generate a cluster id"
  say "kafka: formatting storage (cluster id $id)"
  if ! kafka_java kafka.tools.StorageTool format -t "$id" -c "$KAFKA_CONFIG_DIR/server.properties" \
    --ignore-formatted >>"$KAFKA_LOG" 2>&1 9>&- </dev/null; then
    tail -n 30 "$KAFKA_LOG" >&2
    die "kafka storage format failed (log: $KAFKA_LOG)"
  fi
}

kafka_pid() {
  local pid
  [ -f "$KAFKA_PID" ] || return 1
  pid="$(cat "$KAFKA_PID" 2>/dev/null || true)"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka' || return 1
  printf '%s\n' "$pid"
}

kafka_running() { kafka_pid >/dev/null; }

kafka_serves_metadata() {
  timeout 40 java -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dlog4j2.configurationFile="$KAFKA_CONFIG_DIR/log4j2-tools.properties" -cp "$KAFKA_LIBS/*" \
    org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BROKERS" \
    --command-config "$KAFKA_CONFIG_DIR/tools.properties" --list >/dev/null 2>&1 9>&- </dev/null
}

kafka_fail() {
  printf '[infra] ERROR: %s\n--- last lines of %s ---\n' "$1" "$KAFKA_LOG" >&2
  tail -n 40 "$KAFKA_LOG" >&2 || true
  exit 1
}

kafka_start() {
  ensure_java
  mkdir -p "$KAFKA_HOME"
  ensure_kafka_libs
  kafka_write_config
  kafka_format

  if kafka_running; then
    say "kafka: already running (pid $(kafka_pid))"
  else
    rm -f "$KAFKA_PID"
    if port_open "$HOST" "$KAFKA_PORT" || port_open "$HOST" "$KAFKA_CONTROLLER_PORT"; then
      die "port $HOST:$KAFKA_PORT or $KAFKA_CONTROLLER_PORT is in use by something that is not this broker"
    fi
    # keep the log from growing forever
    if [ -f "$KAFKA_LOG" ] && [ "$(stat -c %s "$KAFKA_LOG")" -gt 52428800 ]; then mv -f "$KAFKA_LOG" "$KAFKA_LOG.1"; fi
    say "kafka: starting $KAFKA_VERSION on $KAFKA_BROKERS (controller $HOST:$KAFKA_CONTROLLER_PORT)"
    # own session (survives Ctrl-C of the caller), no inherited stdin/stdout, pid file written before exec
    (
      cd "$KAFKA_HOME"
      # shellcheck disable=SC2086
      exec setsid bash -c 'echo $$ >"$0"; exec "$@"' "$KAFKA_PID" \
        java $KAFKA_HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExplicitGCInvokesConcurrent \
        -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
        -Dlog4j2.configurationFile="$KAFKA_CONFIG_DIR/log4j2-broker.properties" \
        -Dkafka.logs.dir="$DATA" \
        -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_CONFIG_DIR/server.properties"
    ) </dev/null >>"$KAFKA_LOG" 2>&1 9>&- &
  fi

  local deadline=$((SECONDS + KAFKA_START_TIMEOUT)) i
  for i in $(seq 1 50); do [ -s "$KAFKA_PID" ] && break; sleep 0.1; done
  until port_open "$HOST" "$KAFKA_PORT"; do
    kafka_running || kafka_fail "kafka: broker process exited during start"
    [ "$SECONDS" -lt "$deadline" ] || kafka_fail "kafka: port $KAFKA_PORT not open after ${KAFKA_START_TIMEOUT}s"
    sleep 0.5
  done
  until kafka_serves_metadata; do
    kafka_running || kafka_fail "kafka: broker process exited during start"
    [ "$SECONDS" -lt "$deadline" ] || kafka_fail "kafka: broker does not serve metadata after ${KAFKA_START_TIMEOUT}s"
    sleep 1
  done
  say "kafka: ready at $KAFKA_BROKERS"
}

kafka_stop() {
  local pid i
  if ! pid="$(kafka_pid)"; then
    rm -f "$KAFKA_PID"
    say "kafka: not running"
    return 0
  fi
  say "kafka: stopping (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 $((KAFKA_STOP_TIMEOUT * 5))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    say "kafka: did not stop within ${KAFKA_STOP_TIMEOUT}s, SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for i in $(seq 1 25); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  fi
  rm -f "$KAFKA_PID"
  say "kafka: stopped"
}

kafka_status() {
  local pid
  if pid="$(kafka_pid)" && port_open "$HOST" "$KAFKA_PORT"; then
    printf 'kafka     up    %s  (controller %s:%s, pid %s, Apache Kafka %s, KRaft)\n' \
      "$KAFKA_BROKERS" "$HOST" "$KAFKA_CONTROLLER_PORT" "$pid" "$(cat "$KAFKA_LIBS/.complete" 2>/dev/null || echo '?')"
    return 0
  fi
  if [ -n "${pid:-}" ]; then
    printf 'kafka     down  %s  (pid %s exists but port does not answer yet)\n' "$KAFKA_BROKERS" "$pid"
  else
    printf 'kafka     down  %s\n' "$KAFKA_BROKERS"
  fi
  return 1
}

kafka_cli() {
  [ $# -ge 1 ] || die "usage: infra.sh kafka-cli TOOL [args...]"
  [ -f "$KAFKA_LIBS/.complete" ] || die "kafka jars not installed yet: run infra.sh up"
  local tool="$1" class
  shift
  case "$tool" in
  topics) class=org.apache.kafka.tools.TopicCommand ;;
  console-producer) class=org.apache.kafka.tools.ConsoleProducer ;;
  console-consumer) class=org.apache.kafka.tools.consumer.ConsoleConsumer ;;
  consumer-groups) class=org.apache.kafka.tools.consumer.group.ConsumerGroupCommand ;;
  metadata-quorum) class=org.apache.kafka.tools.MetadataQuorumCommand ;;
  get-offsets) class=org.apache.kafka.tools.GetOffsetShell ;;
  storage) class=kafka.tools.StorageTool ;;
  *) class="$tool" ;;
  esac
  [ -f "$KAFKA_CONFIG_DIR/log4j2-tools.properties" ] || kafka_write_config
  exec java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$KAFKA_CONFIG_DIR/log4j2-tools.properties" \
    -cp "$KAFKA_LIBS/*" "$class" "$@"
}

# --------------------------------------------------------------------------- commands

print_env() {
  printf 'DATABASE_URL=%s\n' "$DATABASE_URL"
  printf 'KAFKA_BROKERS=%s\n' "$KAFKA_BROKERS"
}

cmd="${1:-}"
[ $# -gt 0 ] && shift
case "$cmd" in
up)
  lock
  start=$SECONDS
  pg_start
  kafka_start
  say "up in $((SECONDS - start))s"
  print_env
  ;;
down)
  lock
  kafka_stop
  pg_stop
  ;;
status)
  rc=0
  pg_status || rc=1
  kafka_status || rc=1
  exit "$rc"
  ;;
kafka-start)
  lock
  kafka_start
  ;;
kafka-stop)
  lock
  kafka_stop
  ;;
pg-start | postgres-start)
  lock
  pg_start
  ;;
pg-stop | postgres-stop)
  lock
  pg_stop
  ;;
env)
  print_env
  ;;
kafka-cli)
  kafka_cli "$@"
  ;;
*)
  sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'
  [ -z "$cmd" ] || [ "$cmd" = help ] || [ "$cmd" = -h ] || [ "$cmd" = --help ] || exit 2
  ;;
esac
