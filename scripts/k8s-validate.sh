#!/usr/bin/env bash
# Renders k8s/base and every overlay with kustomize and validates each object with kubeconform against
# the schemas vendored in k8s/schemas only (no network), Dapr custom resources included.
#
#   bash scripts/k8s-validate.sh                  render + validate
#   bash scripts/k8s-validate.sh --out DIR        also keep the renders as DIR/<target>.yaml
#   bash scripts/k8s-validate.sh --install-tools  go-install missing kustomize, kubeconform, actionlint (pinned)
#
# Tools are taken from PATH or $(go env GOPATH)/bin. Without --install-tools a missing tool is an error.
set -Eeuo pipefail

# kustomize v5.8.3 and later need Go 1.27; v5.8.2 builds with the Go 1.26 these machines have.
KUSTOMIZE_PKG="sigs.k8s.io/kustomize/kustomize/v5@v5.8.2"
KUBECONFORM_PKG="github.com/yannh/kubeconform/cmd/kubeconform@v0.8.0"
ACTIONLINT_PKG="github.com/rhysd/actionlint/cmd/actionlint@v1.7.12"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGETS=(base overlays/local overlays/cloud)

die() { printf 'k8s-validate: %s\n' "$*" >&2; exit 1; }

GO="$(command -v go || echo /usr/local/go/bin/go)"

go_bin_dir() {
  [ -x "$GO" ] || return 1
  printf '%s/bin' "$("$GO" env GOPATH)"
}

# find_tool NAME prints the path of NAME from PATH or GOPATH/bin, or fails.
find_tool() {
  local name="$1" dir
  if command -v "$name" >/dev/null; then command -v "$name"; return 0; fi
  dir="$(go_bin_dir)" || return 1
  [ -x "$dir/$name" ] && { printf '%s/%s' "$dir" "$name"; return 0; }
  return 1
}

install_tools() {
  [ -x "$GO" ] || die "go is not installed: it is needed to install kustomize, kubeconform and actionlint"
  local entry name pkg
  for entry in "kustomize=$KUSTOMIZE_PKG" "kubeconform=$KUBECONFORM_PKG" "actionlint=$ACTIONLINT_PKG"; do
    name="${entry%%=*}"
    pkg="${entry#*=}"
    if find_tool "$name" >/dev/null; then continue; fi
    printf 'k8s-validate: go install %s\n' "$pkg"
    GOTOOLCHAIN=local "$GO" install "$pkg"
  done
}

out_dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --install-tools) install_tools; exit 0 ;;
    --out) out_dir="${2:?--out needs a directory}"; shift 2 ;;
    *) die "unknown argument: $1" ;;
  esac
done

kustomize="$(find_tool kustomize)" || die "kustomize not found (run: bash scripts/k8s-validate.sh --install-tools)"
kubeconform="$(find_tool kubeconform)" || die "kubeconform not found (run: bash scripts/k8s-validate.sh --install-tools)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
[ -n "$out_dir" ] && mkdir -p "$out_dir"

status=0
for target in "${TARGETS[@]}"; do
  file="$work/${target//\//-}.yaml"
  # Plain `kustomize build`, exactly what `kubectl apply -k` runs: no --load-restrictor.
  if ! "$kustomize" build "$ROOT/k8s/$target" >"$file"; then
    printf 'k8s-validate: kustomize build k8s/%s failed\n' "$target" >&2
    status=1
    continue
  fi
  [ -n "$out_dir" ] && cp "$file" "$out_dir/${target//\//-}.yaml"
  printf 'k8s/%s: ' "$target"
  if ! "$kubeconform" -strict -summary \
    -schema-location "$ROOT/k8s/schemas/{{.ResourceKind}}{{.KindSuffix}}.json" "$file"; then
    status=1
  fi
done

# The self-hosted Dapr resources that dapr.yaml loads are plain files, validated as they are.
printf 'k8s/dapr-run: '
if ! "$kubeconform" -strict -summary \
  -schema-location "$ROOT/k8s/schemas/{{.ResourceKind}}{{.KindSuffix}}.json" "$ROOT/k8s/dapr-run"; then
  status=1
fi

[ "$status" -eq 0 ] && echo "k8s-validate: all renders valid" || echo "k8s-validate: FAILED" >&2
exit "$status"
