#!/usr/bin/env bash
# Writes alerts.yml and fleet-rules.yml with every runbook_url pointing at your own copy of the runbooks
# (docs/alerting.md), for teams whose alerts must link to an internal wiki or docs site.
#
#   docs/prometheus/runbook-base.sh https://wiki.example.com/memory-audit/alerting.md /etc/prometheus/rules
#
# The anchors stay the same (#memoryauditleaksuspected, ...): each alert's section title, lower-cased. The input files
# are not changed; the output directory is created if needed.
set -euo pipefail

DEFAULT_BASE="https://github.com/memory-audit/memory-audit/blob/main/docs/alerting.md"

if [[ $# -ne 2 ]]; then
	echo "usage: $0 <runbook base URL, absolute http(s), without #anchor> <output directory>" >&2
	exit 2
fi
base="$1"
out="$2"
if [[ ! "$base" =~ ^https?://[^[:space:]#]+$ ]]; then
	echo "runbook base must be an absolute http:// or https:// URL without spaces or '#', got '$base'" >&2
	exit 2
fi
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$out"
for rules in alerts.yml fleet-rules.yml; do
	# '|' cannot appear in the validated URL's scheme or host; escape it and '&' for sed anyway.
	replacement="$(printf '%s' "$base" | sed -e 's/[|&\\]/\\&/g')"
	sed -e "s|${DEFAULT_BASE}#|${replacement}#|g" "$here/$rules" > "$out/$rules"
	count="$(grep -c "runbook_url: \"${base}#" "$out/$rules" || true)"
	echo "$out/$rules: $count runbook links to $base"
done
