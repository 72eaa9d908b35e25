#!/usr/bin/env bash
# Installs what CI needs beyond npm, idempotently (a few seconds when everything is there):
#   - PostgreSQL server (Debian package `postgresql`) if no /usr/lib/postgresql/*/bin/postgres
#   - Java + Maven if missing (infra.sh fetches Kafka with mvn and runs it with java)
#   - Chromium (Debian package `chromium`) for browser tests, unless CHROMIUM_PATH names one
#   - Python's icalendar 7.3.0 from PyPI (the calendar feed's second parser) unless python3 has 6 or later
#   - Go tools, with pinned `go install …@vX` into $(go env GOPATH)/bin:
#       grpcurl, kubeconform, actionlint, kustomize
# A tool already on PATH or in GOPATH/bin is skipped. Prints the Go bin directory at the end.
set -Eeuo pipefail

export DEBIAN_FRONTEND=noninteractive
start=$SECONDS
say() { printf '[install-tools] %s\n' "$*"; }
die() { printf '[install-tools] ERROR: %s\n' "$*" >&2; exit 1; }

# ------------------------------------------------------------------ Debian packages
apt_pkgs=()
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then apt_pkgs+=(postgresql); fi
if ! command -v java >/dev/null; then apt_pkgs+=(openjdk-17-jre-headless); fi
if ! command -v mvn >/dev/null; then apt_pkgs+=(maven); fi
# CHROMIUM_PATH names a browser already there (the GitHub runner has Chrome; its chromium package is a snap stub).
if [ ! -x "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null; then apt_pkgs+=(chromium fonts-liberation); fi
if ! command -v go >/dev/null && [ ! -x /usr/local/go/bin/go ]; then apt_pkgs+=(golang-go); fi

if [ "${#apt_pkgs[@]}" -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || die "need root to apt-get install: ${apt_pkgs[*]}"
  say "apt-get update"
  apt-get update -qq >/dev/null
  say "apt-get install ${apt_pkgs[*]}"
  apt-get install -y -qq --no-install-recommends "${apt_pkgs[@]}" >/dev/null
else
  say "apt: postgresql, java, maven, chromium already present"
fi

# ------------------------------------------------------------------ Python icalendar (PyPI)
# The calendar feed test parses the feed with Python's icalendar, an RFC 5545 parser independent of the JS one.
# 6 or later: Debian bookworm's python3-icalendar (4.0.3) splits CATEGORIES at escaped commas.
ical_check="import icalendar, sys; sys.exit(0 if int(icalendar.__version__.split('.')[0]) >= 6 else 1)"
if python3 -c "$ical_check" 2>/dev/null; then
  say "python: icalendar already installed"
else
  say "pip install icalendar==7.3.0"
  python3 -m pip install --quiet --disable-pip-version-check "icalendar==7.3.0" 2>/dev/null \
    || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages "icalendar==7.3.0"
  python3 -c "$ical_check" || die "icalendar did not install for python3"
fi

# ------------------------------------------------------------------ Go tools
GO="$(command -v go || echo /usr/local/go/bin/go)"
[ -x "$GO" ] || die "no go toolchain found"
GOBIN_DIR="$("$GO" env GOPATH)/bin"
mkdir -p "$GOBIN_DIR"

# name=package@latest[|fallback version]. The fallback is used only when @latest does not build
# with the local Go (e.g. kustomize v5.8.3 requires go >= 1.27 while this machine has 1.26 with
# GOTOOLCHAIN=local); v5.8.2 is the newest kustomize that builds with go 1.26.
go_tools=(
  "grpcurl=github.com/fullstorydev/grpcurl/cmd/grpcurl@v1.9.4"
  "kubeconform=github.com/yannh/kubeconform/cmd/kubeconform@v0.8.0"
  "actionlint=github.com/rhysd/actionlint/cmd/actionlint@v1.7.12"
  "kustomize=sigs.k8s.io/kustomize/kustomize/v5@v5.8.2"
)
for entry in "${go_tools[@]}"; do
  name="${entry%%=*}"
  pkg="${entry#*=}"
  fallback=""
  if [[ "$pkg" == *"|"* ]]; then fallback="${pkg#*|}"; pkg="${pkg%%|*}"; fi
  if command -v "$name" >/dev/null || [ -x "$GOBIN_DIR/$name" ]; then
    say "go: $name already installed ($(command -v "$name" || echo "$GOBIN_DIR/$name"))"
    continue
  fi
  say "go install $pkg"
  t=$SECONDS
  if ! GOBIN="$GOBIN_DIR" "$GO" install "$pkg"; then
    [ -n "$fallback" ] || die "go install $pkg failed"
    say "go: $pkg does not build here; falling back to ${pkg%@*}@$fallback"
    GOBIN="$GOBIN_DIR" "$GO" install "${pkg%@*}@$fallback"
  fi
  say "go: $name installed in $((SECONDS - t))s"
done

# make the Go bin dir visible to later GitHub Actions steps, if running there
if [ -n "${GITHUB_PATH:-}" ]; then printf '%s\n' "$GOBIN_DIR" >>"$GITHUB_PATH"; fi
case ":$PATH:" in
*":$GOBIN_DIR:"*) ;;
*) say "note: $GOBIN_DIR is not on PATH; add it: export PATH=\"$GOBIN_DIR:\$PATH\"" ;;
esac

say "done in $((SECONDS - start))s"
printf 'GOBIN=%s\n' "$GOBIN_DIR"
