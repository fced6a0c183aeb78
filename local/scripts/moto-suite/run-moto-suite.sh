#!/usr/bin/env bash
# Runs moto's own tests for the services the local control plane serves (SageMaker, SageMaker
# Runtime, ECR, CloudWatch, Application Auto Scaling, S3) in moto's server mode, and writes one JUnit
# XML report per service and a summary. Not part of the Maven build (it takes minutes to hours).
# See docs/local.md, "moto's own test suite against the local control plane".
#
# usage: local/scripts/moto-suite/run-moto-suite.sh [TARGET...]
#   TARGET  local  the local control plane, one fresh control plane per moto reset (default)
#           moto   moto's own moto_server (sanity: its suite passes there)
#           null   a server that refuses every request (the passes a server gets for nothing)
#
# environment:
#   MOTO_SOURCES        a checkout or source archive of getmoto/moto at the installed moto's version;
#                       without it, the sources are fetched once into MOTO_SUITE_CACHE
#   MOTO_SUITE_CACHE    where fetched sources are kept (default ~/.cache/sagemaker-gitops)
#   MOTO_GIT_URL        the repository to clone them from (default https://github.com/getmoto/moto)
#   MOTO_SUITE_JAR      the command line's jar (default cli/target/sagemaker-gitops.jar, built if missing)
#   MOTO_SUITE_OUT      the results folder (default target/moto-suite); one subfolder per target
#   MOTO_SUITE_PORT     the port the target listens on (default 5000; pick a free one on a shared machine)
#   MOTO_SUITE_SERVICES the services to run (default: all six, by the names below)
#   PYTHON              the Python with moto, boto3, pytest and freezegun (default python3)
set -euo pipefail

repository=$(cd "$(dirname "$0")/../../.." && pwd)
scripts=$(cd "$(dirname "$0")" && pwd)
python=${PYTHON:-python3}
port=${MOTO_SUITE_PORT:-5000}
out=${MOTO_SUITE_OUT:-$repository/target/moto-suite}
services=${MOTO_SUITE_SERVICES:-"sagemaker sagemakerruntime ecr cloudwatch applicationautoscaling s3"}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(local)

declare -A suites=(
  [sagemaker]="tests/test_sagemaker"
  [sagemakerruntime]="tests/test_sagemakerruntime"
  [ecr]="tests/test_ecr"
  [cloudwatch]="tests/test_cloudwatch"
  [applicationautoscaling]="tests/test_applicationautoscaling"
  [s3]="tests/test_s3/test_s3.py tests/test_s3/test_s3_list_objects.py"
)

fail() { echo "run-moto-suite: $*" >&2; exit 2; }

moto_version=$("$python" -c 'import moto; print(moto.__version__)') \
  || fail "moto is not installed for $python (pip install 'moto[server]')"
"$python" -c 'import pytest, freezegun' 2>/dev/null \
  || fail "moto's tests need pytest and freezegun: $python -m pip install pytest freezegun"

# moto's tests are not in its wheel: they come from its sources at the same version, from a git
# clone of the tag or, where github.com is not reachable, from the source distribution on PyPI
# (which includes tests/).
locate_sources() {
  if [ -n "${MOTO_SOURCES:-}" ]; then
    [ -d "$MOTO_SOURCES/tests/test_sagemaker" ] || fail "MOTO_SOURCES=$MOTO_SOURCES has no tests/test_sagemaker"
    (cd "$MOTO_SOURCES" && pwd)
    return
  fi
  local cache=${MOTO_SUITE_CACHE:-$HOME/.cache/sagemaker-gitops}/moto-$moto_version
  if [ ! -d "$cache/tests/test_sagemaker" ]; then
    rm -rf "$cache" "$cache.partial" && mkdir -p "$cache.partial"
    echo "fetching moto $moto_version's sources into $cache" >&2
    if git clone -q --depth 1 --branch "$moto_version" "${MOTO_GIT_URL:-https://github.com/getmoto/moto}" "$cache.partial/git" 2>/dev/null; then
      mv "$cache.partial/git" "$cache"
    else
      "$python" -m pip download -q --no-deps --no-binary :all: --no-build-isolation -d "$cache.partial" "moto==$moto_version" \
        || fail "cannot fetch moto $moto_version's sources; clone them yourself and set MOTO_SOURCES"
      tar -xzf "$cache.partial"/moto-"$moto_version".tar.gz -C "$cache.partial"
      mv "$cache.partial/moto-$moto_version" "$cache"
    fi
    rm -rf "$cache.partial"
  fi
  echo "$cache"
}
sources=$(locate_sources)

jar=${MOTO_SUITE_JAR:-$repository/cli/target/sagemaker-gitops.jar}
if [[ " ${targets[*]} " == *" local "* ]] && [ ! -f "$jar" ]; then
  echo "building $jar" >&2
  (cd "$repository" && mvn -B -q -pl cli -am package -DskipTests) || fail "cannot build $jar"
fi
[[ " ${targets[*]} " != *" local "* ]] || jar=$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")

server=
stop_server() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    server=
  fi
}
trap stop_server EXIT

await_port() {
  for _ in $(seq 1 300); do
    if "$python" -c "import socket,sys; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null; then
      return
    fi
    sleep 0.1
  done
  fail "nothing listens on port $port after 30 s"
}

for target in "${targets[@]}"; do
  case "$target" in
    local) ;;  # the pytest plugin starts the control planes
    moto) moto_server -p "$port" > /dev/null 2>&1 & server=$!; await_port ;;
    null) "$python" "$scripts/null_server.py" "$port" & server=$!; await_port ;;
    *) fail "unknown target $target (local, moto or null)" ;;
  esac
  mkdir -p "$out/$target"
  for name in $services; do
    [ -n "${suites[$name]:-}" ] || fail "unknown service $name"
    started=$(date +%s)
    # shellcheck disable=SC2086
    (cd "$sources" && TEST_SERVER_MODE=true TEST_SERVER_MODE_ENDPOINT="http://127.0.0.1:$port" \
      MOTO_SUITE_TARGET="$target" MOTO_SUITE_PORT="$port" MOTO_SUITE_JAR="$jar" \
      AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION=us-east-1 \
      PYTHONPATH="$scripts${PYTHONPATH:+:$PYTHONPATH}" \
      "$python" -m pytest -q -p no:cacheprovider -p moto_suite_restart -o addopts= \
        --junitxml="$out/$target/$name.xml" ${suites[$name]} > "$out/$target/$name.log" 2>&1) || true
    echo "$target $name: $(tail -1 "$out/$target/$name.log") ($(( $(date +%s) - started )) s)"
  done
  stop_server
done

"$python" "$scripts/summarise-moto-suite.py" "$out" | tee "$out/summary.md"
