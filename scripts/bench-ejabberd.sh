#!/usr/bin/env bash
# Makes sure ejabberd (Debian's package) is installed for scripts/bench.sh's flood-ejabberd workload:
# installs it with apt-get when missing and run as root, else prints the command and exits 1. Only the
# bench calls this, so the tests' prerequisites (and CI) never pay for it.
#
# The package starts a system service on the standard XMPP ports. The bench runs its own throwaway node
# beside any such service (its own ports, node name, cookie and spool), so it never needs it: when this
# script has just installed the package, it stops and disables the service it brought, leaving the machine
# as it was; a service installed before is left alone.
#
#   scripts/bench-ejabberd.sh
set -euo pipefail

if command -v ejabberdctl >/dev/null 2>&1; then
    echo "bench-ejabberd: ejabberd: ok"
    exit 0
fi
if ! command -v apt-get >/dev/null || [ "$(id -u)" != 0 ]; then
    echo "bench-ejabberd: flood-ejabberd needs ejabberd: sudo apt-get update && sudo apt-get install -y ejabberd" >&2
    exit 1
fi
echo "bench-ejabberd: installing ejabberd with apt-get"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends ejabberd
if [ -d /run/systemd/system ]; then
    systemctl disable --now ejabberd || true
elif [ -s /run/ejabberd/ejabberd.pid ]; then   # without systemd, the package's start may have been refused
    /etc/init.d/ejabberd stop || true
fi
