#!/usr/bin/env bash
# bench/classify.sh [N] [RUNS]: `replydesk classify` (parsing included) against
# bogofilter on the same N (default 10,000) raw messages in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v bogofilter >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bogofilter >/dev/null; }
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o bin/replydesk ./cmd/replydesk
go run ./bench/classify -n "${1:-10000}" -runs "${2:-3}" -replydesk bin/replydesk
