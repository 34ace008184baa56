#!/usr/bin/env bash
# Runs the Studio. Without ConnectionStrings__Platform it starts a private PostgreSQL in .data/postgres.
# Extra arguments go to the Studio, e.g. scripts/run.sh --urls http://127.0.0.1:5080
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/prerequisites.sh
exec dotnet run --project src/Platform.Studio -c Release -- "$@"
