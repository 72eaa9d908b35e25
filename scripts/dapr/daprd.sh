#!/usr/bin/env bash
# Provides the Dapr sidecar binary, the way infra.sh provides Kafka: fetched at a pinned version and
# cached under .data/, then reused. Prints the binary's path on the last line of stdout.
#
#   bash scripts/dapr/daprd.sh          build once (~7-10 min on 2 cores), then a few ms
#
#   TASKMESH_DAPR_VERSION   daprd version (default 1.18.0, the control plane the cluster docs install)
#   TASKMESH_DAPR_DIR       cache directory (default <repo>/.data/dapr)
#
# The Go module proxy serves github.com/dapr/dapr; its go.mod has replace directives, so `go install`
# refuses it and the binary is built from the downloaded module directory with the stable components.
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VERSION="${TASKMESH_DAPR_VERSION:-1.18.0}"
DIR="${TASKMESH_DAPR_DIR:-$ROOT/.data/dapr}/$VERSION"
BIN="$DIR/daprd"

say() { printf '[daprd] %s\n' "$*" >&2; }
die() { printf '[daprd] ERROR: %s\n' "$*" >&2; exit 1; }

mkdir -p "$DIR"
exec 9>"$DIR/.lock"
# One build at a time: a second caller waits for the first and then reuses its binary.
flock -w 1800 9 || die "another build holds $DIR/.lock"

if [ -x "$BIN" ] && [ "$(cat "$DIR/version" 2>/dev/null)" = "$VERSION" ]; then
  say "daprd $VERSION cached ($BIN)"
  printf '%s\n' "$BIN"
  exit 0
fi

GO="$(command -v go || echo /usr/local/go/bin/go)"
[ -x "$GO" ] || die "go is needed to build daprd (scripts/infra/install-tools.sh installs it)"
start=$SECONDS
say "go mod download github.com/dapr/dapr@v$VERSION"
module_dir="$("$GO" mod download -json "github.com/dapr/dapr@v$VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
[ -d "$module_dir" ] || die "go mod download gave no module directory"
say "go build -tags stablecomponents ./cmd/daprd (in $module_dir; several minutes on a cold cache)"
if ! (cd "$module_dir" && "$GO" build -tags stablecomponents -ldflags "-X github.com/dapr/dapr/pkg/buildinfo.version=$VERSION" -o "$BIN.tmp" ./cmd/daprd) >"$DIR/build.log" 2>&1; then
  tail -n 40 "$DIR/build.log" >&2
  die "building daprd $VERSION failed (log: $DIR/build.log)"
fi
mv "$BIN.tmp" "$BIN"
printf '%s\n' "$VERSION" >"$DIR/version"
say "built daprd $VERSION in $((SECONDS - start))s"
printf '%s\n' "$BIN"
