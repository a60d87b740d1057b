#!/bin/sh
# Installed as iptables, iptables-save, iptables-restore (and ip6tables*) in /usr/local/sbin of
# the locally built kube-proxy image: runs the backend (legacy or nft) the node already uses,
# chosen once by counting each backend's rules, as kind's node entrypoint does.
cache=/tmp/.escapekit-iptables-mode
mode=$(cat "$cache" 2>/dev/null)
if [ -z "$mode" ]; then
  legacy=$( (iptables-legacy-save; ip6tables-legacy-save) 2>/dev/null | grep -c '^-')
  nft=$( (timeout 5 sh -c 'iptables-nft-save; ip6tables-nft-save') 2>/dev/null | grep -c '^-')
  if [ "${legacy:-0}" -ge "${nft:-0}" ]; then mode=legacy; else mode=nft; fi
  echo "$mode" > "$cache"
fi
name=$(basename "$0")
exec "/usr/sbin/$(echo "$name" | sed "s/^\(ip6*tables\)/\1-$mode/")" "$@"
