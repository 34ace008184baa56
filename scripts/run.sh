#!/usr/bin/env bash
# Runs the Studio. Without ConnectionStrings__Platform it starts a private PostgreSQL in .data/postgres.
# Extra arguments go to the Studio, e.g. scripts/run.sh --urls http://127.0.0.1:5080, scripts/run.sh migrate
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/prerequisites.sh
dotnet build src/Platform.Studio -c Release -nologo -v quiet
exec dotnet src/Platform.Studio/bin/Release/net10.0/Platform.Studio.dll "$@"
