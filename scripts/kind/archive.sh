# shellcheck shell=bash
# Assembles Docker image archives (the `docker save` format) from layer tars, without a
# builder: `ctr images import` and `docker load` read them. Sourced; needs $ARCHIVE_WORK.
#   layer_from_dir DIR            -> prints the layer's digest hex (layer stored in $ARCHIVE_WORK)
#   layer_from_tar TAR            -> same, for an existing tar (hard-linked, not copied)
#   archive_image REF ENTRYPOINT_JSON LAYER_HEX...   adds an image to the next archive
#   archive_write OUT.tar         writes every added image into one archive and resets the list
# The archive's `repositories` entry comes first and names every image: kind's node-image
# builder reads the tags of an archive from its first metadata entry.

archive_reset() { : > "$ARCHIVE_WORK/images.jsonl"; }

_layer_store() { # tar-file -> hex
  local hex; hex=$(sha256sum "$1" | cut -d' ' -f1)
  mkdir -p "$ARCHIVE_WORK/blobs/$hex"
  [ -f "$ARCHIVE_WORK/blobs/$hex/layer.tar" ] || ln -f "$1" "$ARCHIVE_WORK/blobs/$hex/layer.tar" 2>/dev/null ||
    cp "$1" "$ARCHIVE_WORK/blobs/$hex/layer.tar"
  echo "$hex"
}

layer_from_dir() {
  local t; t=$(mktemp "$ARCHIVE_WORK/layer.XXXXXX")
  tar --create --file="$t" --directory="$1" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner .
  _layer_store "$t"; rm -f "$t"
}

layer_from_tar() { _layer_store "$1"; }

archive_image() {
  local ref=$1 entrypoint=$2; shift 2
  local diff_ids cfg cfg_hex layers
  diff_ids=$(printf '"sha256:%s",' "$@"); diff_ids="[${diff_ids%,}]"
  cfg=$(jq -cn --argjson ep "$entrypoint" --argjson ids "$diff_ids" '{architecture: "amd64", os: "linux",
    config: {Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], Entrypoint: $ep},
    rootfs: {type: "layers", diff_ids: $ids}, history: [{created_by: "escapekit scripts/kind"}]}')
  cfg_hex=$(printf '%s' "$cfg" | sha256sum | cut -d' ' -f1)
  printf '%s' "$cfg" > "$ARCHIVE_WORK/blobs/$cfg_hex.json"
  layers=$(printf '"%s/layer.tar",' "$@"); layers="[${layers%,}]"
  jq -cn --arg ref "$ref" --arg cfg "$cfg_hex.json" --argjson layers "$layers" --arg top "${*: -1}" \
    '{Config: $cfg, RepoTags: [$ref], Layers: $layers, Top: $top}' >> "$ARCHIVE_WORK/images.jsonl"
}

archive_write() {
  local out=$1 d
  d=$(mktemp -d "$ARCHIVE_WORK/out.XXXXXX")
  jq -s '[.[] | {Config, RepoTags, Layers}]' "$ARCHIVE_WORK/images.jsonl" > "$d/manifest.json"
  # repositories: {"repo": {"tag": "<top layer id>"}} for every image
  jq -s 'reduce .[] as $i ({}; ($i.RepoTags[0] | capture("^(?<repo>.+):(?<tag>[^:/]+)$")) as $r
    | .[$r.repo][$r.tag] = $i.Top)' "$ARCHIVE_WORK/images.jsonl" > "$d/repositories"
  local files=(repositories manifest.json)
  local f
  for f in $(jq -r '.[] | .Config, .Layers[]' "$d/manifest.json" | sort -u); do
    mkdir -p "$d/$(dirname "$f")"; ln -f "$ARCHIVE_WORK/blobs/$f" "$d/$f" 2>/dev/null || cp "$ARCHIVE_WORK/blobs/$f" "$d/$f"
    files+=("$f")
  done
  tar --create --file="$out" --directory="$d" --owner=0 --group=0 --numeric-owner --dereference "${files[@]}"
  rm -rf "$d"; archive_reset
}
