#!/usr/bin/env sh
# Builds Tide and runs the sandbox: an in-memory Kubernetes API, a Kafka broker, Tide's controller and metrics
# service, an HPA loop and a Kafka workload in one JVM, scaling 0 -> N -> 0. Flags: ./sandbox.sh --help
set -e
cd "$(dirname "$0")"
if [ -z "$TIDE_SANDBOX_NO_BUILD" ]; then
  echo "Building Tide (first run: a few minutes)..."
  ./mvnw -B -q -pl sandbox -am package -DskipTests
fi
exec java -XX:TieredStopAtLevel=1 -cp "sandbox/target/classes:$(cat sandbox/target/classpath.txt)" \
  -Dtide.sandbox.apps=sandbox/target/apps dev.tide.sandbox.Sandbox "$@"
