#!/bin/sh
# Runs every scenario locally, each in a run of its own (a fresh broker, Redis and platform per scenario, so no
# scenario inherits another's backlog), with the options docs/BENCHMARKS.md reports. Each application runs in a JVM
# of its own (--processes, -Xmx256m: heap and RSS per service); BENCH_IN_PROCESS=1 runs them inside the generator's
# JVM instead. Results, appended: support/benchmarks/target/results/report.md and one JSON file per scenario.
# Usage (from the repository root): support/benchmarks/run-all.sh ["note about the machine"] [scenario ...]
cd "$(dirname "$0")/../.."
NOTE="${1:-}"
[ $# -gt 0 ] && shift
SCENARIOS="${*:-dispatch e2e projector webhook ingress}"
JAR=support/benchmarks/target/benchmarks.jar
mkdir -p support/benchmarks/target/tmp
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true   # the whole platform in one JVM holds many sockets
MODE=--processes
[ -n "${BENCH_IN_PROCESS:-}" ] && MODE=
run() {
  echo "== $* $MODE"
  java -Xmx2g -Djava.util.concurrent.ForkJoinPool.common.parallelism=8 -Djava.io.tmpdir=support/benchmarks/target/tmp -jar "$JAR" "$@" $MODE --note "$NOTE" || echo "== $1 failed"
}
for s in $SCENARIOS; do
  case $s in
    dispatch)  run dispatch  --local --warmup 10 --duration 20 ;;
    e2e)       # one JVM per rate; a 60 s warm-up at the rate: six JVMs compiling their hot paths on 2 cores
               # need about a minute before the pipeline runs at its warm speed
               run e2e --local --warmup 60 --duration 20 --rates 100
               run e2e --local --warmup 60 --duration 20 --rates 1000 ;;
    projector) run projector --local --events 300000 --max-seconds 60 ;;
    webhook)   run webhook   --local --warmup 10 --duration 20 --rates 15000 ;;
    ingress)   run ingress   --local --warmup 10 --duration 20 --rates 5000,12000 ;;
    *) echo "unknown scenario $s"; exit 2 ;;
  esac
done
