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

# The runbook-base rewrite produces rules promtool still accepts, with every link moved.
rewritten="$(mktemp -d)"
trap 'rm -rf "$rewritten"' EXIT
docs/prometheus/runbook-base.sh https://runbooks.example.com/memory-audit/alerting.md "$rewritten"
promtool check rules "$rewritten/alerts.yml" "$rewritten/fleet-rules.yml"
if grep -q "github.com/memory-audit" "$rewritten/alerts.yml" "$rewritten/fleet-rules.yml"; then
	echo "runbook-base.sh left default runbook links behind" >&2
	exit 1
fi
