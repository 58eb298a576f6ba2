#!/usr/bin/env bash
# Installs Debian's prometheus package (binaries /usr/bin/prometheus and /usr/bin/promtool) when either is missing.
# Idempotent: does nothing when both binaries are on the PATH. The package's systemd service is kept from starting
# (policy-rc.d answers 101 during the install, and the service is stopped/disabled afterwards if it runs anyway):
# the tests start their own prometheus process on a free loopback port.
set -euo pipefail

if command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; then
	echo "prometheus already installed: $(prometheus --version 2>&1 | head -1)"
	exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	SUDO="sudo"
fi

policy=/usr/sbin/policy-rc.d
created_policy=false
if [ ! -e "$policy" ]; then
	printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
	$SUDO chmod +x "$policy"
	created_policy=true
fi
cleanup() {
	if [ "$created_policy" = true ]; then
		$SUDO rm -f "$policy"
	fi
}
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends prometheus

# if a service manager started it anyway, stop it so it cannot hold port 9090 or compete for CPU
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet prometheus 2>/dev/null; then
	$SUDO systemctl disable --now prometheus || true
fi
if command -v service >/dev/null 2>&1; then
	$SUDO service prometheus stop >/dev/null 2>&1 || true
fi

prometheus --version 2>&1 | head -1
promtool --version 2>&1 | head -1
