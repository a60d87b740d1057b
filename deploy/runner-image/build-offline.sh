#!/usr/bin/env bash
# Builds the escapekit runner image (the CLI that deploy/cronjob.yaml runs in a pod) from local
# parts only, for machines that can pull nothing: FROM scratch with this machine's node binary
# and the shared libraries ldd lists for it, the packed escapekit package (npm pack of the
# current build, no rebuild) and its production node_modules (npm ci --omit=dev, cached per
# lockfile). Tagged by content hash, rebuilt only when a file changed. Prints the tag last.
# With a registry, deploy/Dockerfile builds the same thing FROM a Node base image.
#
#   npm run build && deploy/runner-image/build-offline.sh
#   test/cluster/load-image.sh escapekit/runner:<tag>     # or: docker save | ctr -n k8s.io images import -
#
# Needs: docker, npm (registry or a warm npm cache for the production dependencies), ldd.
# Cache: $ESCAPEKIT_CACHE/runner-image (default /var/cache/escapekit/runner-image).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE=${ESCAPEKIT_CACHE:-/var/cache/escapekit}/runner-image
say() { echo "[runner-image] $*" >&2; }
die() { echo "runner-image: $*" >&2; exit 2; }

[ -f "$ROOT/dist/src/cli.js" ] && [ -f "$ROOT/dist/agent/agent.mjs" ] || die "no build in $ROOT/dist: run npm run build first"
command -v docker >/dev/null || die "docker not found"
NODE=$(readlink -f "$(command -v node)") || die "node not found"
mkdir -p "$CACHE"
stage=$(mktemp -d "$CACHE/stage.XXXXXX")
trap 'rm -rf "$stage"' EXIT
rootfs=$stage/rootfs
mkdir -p "$rootfs/app" "$rootfs/usr/local/bin" "$rootfs/tmp"
chmod 1777 "$rootfs/tmp"

# 1. The package exactly as npm would publish it, from the current build (no prepack rebuild).
(cd "$ROOT" && npm pack --ignore-scripts --silent --pack-destination "$stage" >/dev/null)
tar -xzf "$stage"/escapekit-*.tgz -C "$rootfs/app" --strip-components=1
rm -f "$stage"/escapekit-*.tgz

# 2. Production dependencies, installed once per lockfile.
lock=$(cat "$ROOT/package.json" "$ROOT/package-lock.json" | sha256sum | cut -c1-16)
deps=$CACHE/deps-$lock
if [ ! -d "$deps/node_modules" ]; then
  say "installing production dependencies (npm ci --omit=dev) into $deps"
  tmp=$(mktemp -d "$CACHE/deps.XXXXXX")
  cp "$ROOT/package.json" "$ROOT/package-lock.json" "$tmp/"
  (cd "$tmp" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
  rm -rf "$deps" && mv "$tmp" "$deps"
  # Dependencies of earlier lockfiles are not needed again.
  find "$CACHE" -maxdepth 1 -name 'deps-*' ! -name "deps-$lock" -exec rm -rf {} +
fi
cp -a "$deps/node_modules" "$rootfs/app/node_modules"

# 3. Node and the shared libraries it loads (the loader included).
cp "$NODE" "$rootfs/usr/local/bin/node"
for lib in $(ldd "$NODE" | grep -o '/[^ ]*'); do
  mkdir -p "$rootfs$(dirname "$lib")"
  cp -L "$lib" "$rootfs$lib"
done

cat >"$stage/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY rootfs/ /
ENV HOME=/tmp NODE_ENV=production PATH=/usr/local/bin
USER 65534:65534
LABEL escapekit.io/component=runner
ENTRYPOINT ["/usr/local/bin/node", "/app/bin/escapekit.js"]
DOCKERFILE

# Content hash over every path, mode and byte: the same inputs give the same tag.
hash=$(cd "$stage" && { find rootfs -printf '%p %m %y %l\n' | LC_ALL=C sort; find rootfs -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum; cat Dockerfile; } | sha256sum | cut -c1-16)
version=$(node -p "require('$ROOT/package.json').version")
tag=escapekit/runner:$version-$hash
if docker image inspect "$tag" >/dev/null 2>&1; then
  say "$tag is current"
else
  say "building $tag ($(du -sh "$rootfs" | cut -f1))"
  docker build -q -t "$tag" "$stage" >/dev/null 2>"$stage/build.log" || { cat "$stage/build.log" >&2; die "docker build failed"; }
fi
echo "$tag"
