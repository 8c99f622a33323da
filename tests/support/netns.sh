#!/bin/sh
# Runs a command in a network namespace where only loopback exists, so networked tests reach nothing else.
# Usage: tests/support/netns.sh <command> [args...]
# Falls back to running the command directly (tests still bind to 127.0.0.1) when no namespace can be made.
set -eu

if [ "$#" -eq 0 ]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 64
fi

inner='ip link set lo up && exec "$@"'

if [ "${HEARTH_NETNS:-}" = "1" ]; then
  # Already inside (a nested call): do not stack namespaces.
  exec "$@"
fi
export HEARTH_NETNS=1

if command -v unshare >/dev/null 2>&1 && command -v ip >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && unshare --net true 2>/dev/null; then
    exec unshare --net sh -c "$inner" netns "$@"
  fi
  if unshare -rn true 2>/dev/null; then
    exec unshare -rn sh -c "$inner" netns "$@"
  fi
fi

echo "netns.sh: WARNING: cannot create a loopback-only network namespace (unshare or ip missing, or user" >&2
echo "netns.sh: namespaces disabled); running the tests without isolation, bound to 127.0.0.1." >&2
unset HEARTH_NETNS
exec "$@"
