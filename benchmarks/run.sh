#!/bin/sh
# The plan benchmark (docs/benchmarks.md): builds the jars, generates or reuses the 1,000-manifest,
# 10,000-commit repository under benchmarks/target/repos, and prints the table.
#   benchmarks/run.sh                 # everything
#   benchmarks/run.sh --skip-cold     # in-process and native git only
#   benchmarks/run.sh --runs 30       # more runs (see PlanBenchmark's javadoc for every option)
# The local control plane benchmark (issue 3, docs/benchmarks.md, section `local`):
#   benchmarks/run.sh local           # DescribeEndpoint calls/s, memory over 100,000 calls, references
#   benchmarks/run.sh local --no-moto --rounds 3   (see LocalControlPlaneBenchmark's javadoc)
# The polling benchmark (issue 4, docs/benchmarks.md, section `polling`):
#   benchmarks/run.sh polling         # every strategy, the rollback sweep; a few minutes
#   benchmarks/run.sh polling --scenario canary --events --alarm-watches 30s,1m,2m
#                                     (see PollingBenchmark's javadoc)
# The cold-start benchmark (issue 5, docs/benchmarks.md, section "Cold start"):
#   benchmarks/run.sh cold            # --help, validate, explain, a no-change deploy; java -jar, launcher, aws cli
#   benchmarks/run.sh cold --runs 20 --before DIR     (see ColdStartBenchmark's javadoc)
# The fleet benchmark (issue 17, docs/benchmarks.md, section "Fleet"):
#   benchmarks/run.sh fleet           # 10, 100, 500 endpoints at --parallel 1, 8, 32, then the goal
#   benchmarks/run.sh fleet --goal-only --goal-runs 3 --profile /tmp/goal   (see FleetBenchmark's javadoc)
#   benchmarks/run.sh fleet --goal-only --time-scale 60,600,6000   # the goal on a real clock sped up 60x, ...
# SKIP_BUILD=1 reuses the jars already built. Every benchmark builds with the reactor (-am) and runs on
# the jars of this checkout, so a fresh clone with none of the project's artifacts in ~/.m2 runs them all.
set -eu
cd "$(dirname "$0")/.."
# Runs benchmark class $2 on a classpath built with its reactor (-am), written to
# benchmarks/target/$1-classpath.txt, so it names this checkout's jars, never older ones that another
# build installed into ~/.m2.
# BENCHMARK_HEAP sets -Xms (the local benchmark's memory series wants a larger fixed start).
with_reactor() {
  classpath=benchmarks/target/$1-classpath.txt main=$2
  shift 2
  if [ "${SKIP_BUILD:-}" != 1 ] || [ ! -f "$classpath" ]; then
    mvn -B -q -pl benchmarks -am -DskipTests package dependency:build-classpath \
      -Dmdep.outputFile="target/$(basename "$classpath")"
  fi
  exec java "-Xms${BENCHMARK_HEAP:-256m}" -Xmx1g \
    -cp "benchmarks/target/sagemaker-gitops-benchmarks-0.1.0-SNAPSHOT.jar:$(cat "$classpath")" \
    "dev.sagemakergitops.benchmarks.$main" "$@"
}
case "${1:-}" in
  polling) shift; with_reactor polling PollingBenchmark "$@" ;;
  # The CLI under test is cli/target's jar and launcher, which the same build makes.
  cold) shift; with_reactor cold ColdStartBenchmark "$@" ;;
  fleet) shift; with_reactor fleet FleetBenchmark "$@" ;;
  # The module's own dependency classpath, resolved in the reactor (never from ~/.m2, where a fresh
  # clone has none of this project's modules): it includes both SDK HTTP clients (--http-client).
  local) shift; BENCHMARK_HEAP=512m with_reactor local LocalControlPlaneBenchmark "$@" ;;
esac
if [ "${SKIP_BUILD:-}" != 1 ]; then
  mvn -B -q -DskipTests package
fi
# The system git configuration is not read by git or JGit here, so every run sees the same settings.
export GIT_CONFIG_NOSYSTEM=1
# BENCHMARK_JAVA_OPTS adds JVM options (a profiler: -XX:StartFlightRecording=filename=plan.jfr).
# shellcheck disable=SC2086
exec java -Xms512m -Xmx1g ${BENCHMARK_JAVA_OPTS:-} \
  -cp benchmarks/target/sagemaker-gitops-benchmarks-0.1.0-SNAPSHOT.jar:cli/target/sagemaker-gitops.jar \
  dev.sagemakergitops.benchmarks.PlanBenchmark "$@"
