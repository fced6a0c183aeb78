#!/usr/bin/env bash
# Runs moto's own tests for the services the local control plane serves, in moto's server mode,
# against the local control plane (one fresh control plane per moto reset), and writes a JUnit XML
# report per service to $OUT. See docs/local.md, "moto's own test suite against the local control plane".
#
# usage: run-moto-suite.sh MOTO_SOURCES JAR [OUT]
#   MOTO_SOURCES  a checkout of getmoto/moto at the installed moto's tag (pip show moto)
#   JAR           cli/target/sagemaker-gitops.jar
set -euo pipefail
moto_sources=$(cd "$1" && pwd)
jar=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
out=$(mkdir -p "${3:-moto-suite-results}" && cd "${3:-moto-suite-results}" && pwd)
scripts=$(cd "$(dirname "$0")" && pwd)
port=${MOTO_SUITE_PORT:-5000}

declare -A suites=(
  [sagemaker]="tests/test_sagemaker"
  [sagemakerruntime]="tests/test_sagemakerruntime"
  [ecr]="tests/test_ecr"
  [cloudwatch]="tests/test_cloudwatch"
  [applicationautoscaling]="tests/test_applicationautoscaling"
  [s3]="tests/test_s3/test_s3.py tests/test_s3/test_s3_list_objects.py"
)
cd "$moto_sources"
for name in "${!suites[@]}"; do
  # shellcheck disable=SC2086
  TEST_SERVER_MODE=true TEST_SERVER_MODE_ENDPOINT="http://127.0.0.1:$port" MOTO_SUITE_PORT="$port" \
  MOTO_SUITE_JAR="$jar" AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION=us-east-1 \
  PYTHONPATH="$scripts${PYTHONPATH:+:$PYTHONPATH}" \
    python3 -m pytest -q -p no:cacheprovider -p moto_suite_restart -o addopts= \
      --junitxml="$out/$name.xml" ${suites[$name]} > "$out/$name.log" 2>&1 || true
  tail -1 "$out/$name.log"
done
python3 "$scripts/summarise-moto-suite.py" "$out"/*.xml
