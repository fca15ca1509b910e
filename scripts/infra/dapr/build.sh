#!/usr/bin/env bash
# Builds Dapr's daprd sidecar and scheduler from source, without Docker or `dapr init`.
# The dapr/dapr module is fetched from the Go module proxy (`go install` refuses it
# because its go.mod has replace directives), copied to a writable temp dir and built.
# Idempotent: does nothing when both binaries already exist. Prints the output dir.
set -euo pipefail

VERSION="${DAPR_VERSION:-1.18.2}"
OUT="${DAPR_BIN_DIR:-$HOME/.cache/chat-todo/dapr-$VERSION}"
built() { [[ -x "$OUT/daprd" && -x "$OUT/scheduler" ]]; }
if built; then echo "$OUT"; exit 0; fi
mkdir -p "$(dirname "$OUT")"
exec 9>"$OUT.lock" && flock 9   # one build at a time (parallel test runs)
if built; then echo "$OUT"; exit 0; fi

GO="${GO:-$(command -v go || echo /usr/local/go/bin/go)}"
src=$("$GO" mod download -json "github.com/dapr/dapr@v$VERSION" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
[[ -d "$src" ]] || { echo "build.sh: could not download github.com/dapr/dapr@v$VERSION" >&2; exit 1; }

work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
cp -r "$src/." "$work/" && chmod -R u+w "$work"   # module cache dirs are read-only

# A component tag is required (without one daprd panics at start); -X stamps the version
# that `daprd --version` and the metadata API report, as dapr's Makefile does.
export GOFLAGS="-p=2 -buildvcs=false" CGO_ENABLED=0
ldflags="-s -w -X github.com/dapr/dapr/pkg/buildinfo.version=$VERSION -X github.com/dapr/kit/logger.DaprVersion=$VERSION"
mkdir -p "$OUT.partial"
for cmd in daprd scheduler; do
  echo "build.sh: building $cmd v$VERSION (slow: several minutes on 2 cores)" >&2
  (cd "$work" && "$GO" build -tags stablecomponents -trimpath -ldflags "$ldflags" -o "$OUT.partial/$cmd" "./cmd/$cmd")
done
rm -rf "$OUT" && mv "$OUT.partial" "$OUT"
echo "$OUT"
