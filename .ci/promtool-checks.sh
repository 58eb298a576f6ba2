#!/usr/bin/env bash
# Static checks of the Prometheus alerting rules: syntax and PromQL (`promtool check rules`) and the unit tests with
# synthetic series (`promtool test rules`). Installs Debian's prometheus package first when promtool is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v promtool >/dev/null 2>&1; then
	.ci/install-prometheus.sh
fi

promtool check rules docs/prometheus/alerts.yml
promtool check rules docs/prometheus/fleet-rules.yml
promtool check config --syntax-only docs/prometheus/prometheus.yml
promtool test rules docs/prometheus/alerts-test.yml
promtool test rules docs/prometheus/fleet-rules-test.yml
