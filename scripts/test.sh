#!/usr/bin/env bash
# Runs every test: unit, PostgreSQL-backed and headless-Chromium browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/prerequisites.sh --browser
dotnet build LowCodePlatform.sln -c Release -nologo -v quiet
results=TestResults
rm -rf "$results"
status=0
# Engine and Studio test assemblies run in parallel; the browser journeys run afterwards on their own, so a 2-core
# machine is not rendering pages in Chromium while five other test hosts load PostgreSQL.
dotnet test LowCodePlatform.sln -c Release --no-build -nologo --filter "FullyQualifiedName!~Platform.BrowserTests" \
  --logger "trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=false || status=$?
dotnet test tests/Platform.BrowserTests -c Release --no-build -nologo \
  --logger "trx" --results-directory "$results" || status=$?
passed=0; failed=0
for f in "$results"/*.trx; do
  [ -f "$f" ] || continue
  p=$(grep -o 'passed="[0-9]*"' "$f" | head -1 | grep -o '[0-9]*' || echo 0)
  x=$(grep -o 'failed="[0-9]*"' "$f" | head -1 | grep -o '[0-9]*' || echo 0)
  passed=$((passed + p)); failed=$((failed + x))
done
echo "Tests: $passed passed, $failed failed"
exit $status
