#!/usr/bin/env bash
# Runs the metrics service's load harness (MetricsApiBenchmark, in the test sources) in its own JVM,
# outside the test command. Pass harness settings as -D options, e.g.:
#   metrics-service/run-benchmark.sh -Drate=2000 -Dduration=30 -DclosedLoop=16
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -o -pl metrics-service test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test
cd metrics-service
exec java -Xms512m -Xmx512m "$@" \
  -cp "target/test-classes:target/classes:$(cat target/benchmark.classpath)" dev.tide.metrics.MetricsApiBenchmark
