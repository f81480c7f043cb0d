#!/usr/bin/env bash
# Runs every check and test of LicenseAdmin on a fresh Debian machine with the .NET SDK.
# Installs what the tests need (Debian's Chromium for the browser tests), builds once in Release,
# checks that both providers' migrations capture the model, writes the SQL Server idempotent script,
# runs the benchmark in --quick --check mode (correctness only),
# runs all test projects and ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

artifacts=artifacts
mkdir -p "$artifacts/sql" "$artifacts/test-results" "$artifacts/screenshots"
export SCREENSHOT_DIR="$PWD/$artifacts/screenshots"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

step() { printf '\n== %s\n' "$*"; }
fail() { printf '\nFAILED: %s\n' "$*"; echo "0 passed, 1 failed"; exit 1; }

step "Chromium for the browser tests"
if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" -eq 0 ]; then
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || fail "apt-get install chromium"
    else
        (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || fail "apt-get install chromium (needs root or sudo)"
    fi
fi
"${CHROMIUM_PATH:-/usr/bin/chromium}" --version || fail "chromium does not start"

step "Restore and build (Release)"
dotnet tool restore >/dev/null || fail "dotnet tool restore"
dotnet build LicenseAdmin.sln -c Release -nologo -clp:ErrorsOnly || fail "build"

ef_options=(--no-build --configuration Release --startup-project src/LicenseAdmin.Web)
# The SQL Server commands never connect; the connection string only satisfies the start-up check.
sqlserver_args=(-- --Database:Provider SqlServer --ConnectionStrings:SqlServer "Server=localhost;Database=LicenseAdmin;Trusted_Connection=True;TrustServerCertificate=True")

step "Migrations capture the model (both providers)"
dotnet ef migrations has-pending-model-changes "${ef_options[@]}" --project src/LicenseAdmin.Migrations.Sqlite -- --Database:Provider Sqlite || fail "the SQLite migrations miss model changes"
dotnet ef migrations has-pending-model-changes "${ef_options[@]}" --project src/LicenseAdmin.Migrations.SqlServer "${sqlserver_args[@]}" || fail "the SQL Server migrations miss model changes"

step "SQL Server idempotent migration script"
dotnet ef migrations script --idempotent "${ef_options[@]}" --project src/LicenseAdmin.Migrations.SqlServer --output "$artifacts/sql/licenseadmin-sqlserver.sql" "${sqlserver_args[@]}" \
    || fail "generating the SQL Server script"
echo "wrote $artifacts/sql/licenseadmin-sqlserver.sql ($(wc -l < "$artifacts/sql/licenseadmin-sqlserver.sql") lines)"

step "Benchmark smoke test (--quick --check: counts and seat-race winners, not times)"
dotnet run -c Release --no-build --project tests/LicenseAdmin.Benchmarks -- --quick --check \
    || fail "the benchmark's correctness checks failed (see the FAILED lines above: grid counts, bulk changes, purge or seat race)"

step "Tests"
log="$artifacts/test-results/dotnet-test.log"
dotnet test LicenseAdmin.sln -c Release --no-build --nologo --results-directory "$artifacts/test-results" --logger "trx" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

sum_of() { grep -oE "$1: +[0-9]+" "$log" | awk '{ total += $2 } END { print total + 0 }'; }
# Sum the per-project summaries ("Passed!  - Failed: 0, Passed: 12, Skipped: 0, ...").
passed=$(sum_of Passed)
failed=$(sum_of Failed)
skipped=$(sum_of Skipped)
projects=$(grep -cE '^(Passed|Failed)! ' "$log")
passed=${passed:-0}; failed=${failed:-0}; skipped=${skipped:-0}

expected_projects=$(ls -d tests/*.Tests | wc -l)
if [ "$projects" -ne "$expected_projects" ]; then
    echo "Only $projects of $expected_projects test projects reported results."
    [ "$failed" -eq 0 ] && failed=1
    status=1
fi
if [ "$skipped" -ne 0 ]; then
    echo "$skipped tests were skipped; a skipped test does not count as passing."
    status=1
fi

echo
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
