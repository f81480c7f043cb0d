#!/usr/bin/env bash
# Runs every check and test of LicenseAdmin on a fresh Debian machine with the .NET SDK.
# Installs what the tests need (Debian's Chromium for the browser tests, PostgreSQL's server binaries), builds once
# in Release, checks that every provider's migrations capture the model, writes the SQL Server and PostgreSQL
# idempotent scripts (the PostgreSQL one is applied twice to a real server), runs the benchmark in --quick --check
# mode (correctness only) on SQLite and on the PostgreSQL cluster, runs the tests that touch a database once per
# provider (SQLite and a throwaway PostgreSQL cluster; SQL Server too when LICENSEADMIN_TEST_SQLSERVER holds a
# connection string) and ends with one line: "N passed, N failed" summed over every run.
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

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

step "PostgreSQL server binaries"
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
if [ -z "$(pg_bin)" ]; then
    (as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
        || fail "apt-get install postgresql (needs root or sudo)"
fi
PGBIN=$(pg_bin)
[ -x "$PGBIN/initdb" ] || fail "no PostgreSQL server binaries in /usr/lib/postgresql/*/bin"
"$PGBIN/postgres" --version

# A throwaway cluster for this run: its own temp folder, owned by an unprivileged user (initdb refuses root), a free
# port on 127.0.0.1 only, no fsync (its data is thrown away). The trap stops and removes it however the script ends.
step "Throwaway PostgreSQL cluster"
pg_user=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
    pg_user=postgres
    id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres || fail "creating the postgres user"
fi
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u "$pg_user" -- "$@"; else "$@"; fi; }
pg_dir=$(mktemp -d /tmp/licenseadmin-pg.XXXXXX)
stop_cluster() {
    as_pg "$PGBIN/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1
    rm -rf "$pg_dir"
}
trap stop_cluster EXIT
trap 'exit 130' INT TERM
[ "$(id -u)" -eq 0 ] && chown "$pg_user": "$pg_dir"
pg_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
    || shuf -i 20000-60000 -n 1)
as_pg "$PGBIN/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null || fail "initdb"
as_pg "$PGBIN/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
    -o "-k $pg_dir -p $pg_port -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null || { cat "$pg_dir/server.log"; fail "starting PostgreSQL"; }
pg_server="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
echo "PostgreSQL on 127.0.0.1:$pg_port ($pg_dir)"

step "Restore and build (Release)"
dotnet tool restore >/dev/null || fail "dotnet tool restore"
dotnet build LicenseAdmin.sln -c Release -nologo -clp:ErrorsOnly || fail "build"

ef_options=(--no-build --configuration Release --startup-project src/LicenseAdmin.Web)
# The SQL Server commands never connect; the connection string only satisfies the start-up check.
sqlserver_args=(-- --Database:Provider SqlServer --ConnectionStrings:SqlServer "Server=localhost;Database=LicenseAdmin;Trusted_Connection=True;TrustServerCertificate=True")

postgres_args=(-- --Database:Provider PostgreSql --ConnectionStrings:PostgreSql "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=licenseadmin_script")

step "Migrations capture the model (every provider)"
dotnet ef migrations has-pending-model-changes "${ef_options[@]}" --project src/LicenseAdmin.Migrations.Sqlite -- --Database:Provider Sqlite || fail "the SQLite migrations miss model changes"
dotnet ef migrations has-pending-model-changes "${ef_options[@]}" --project src/LicenseAdmin.Migrations.SqlServer "${sqlserver_args[@]}" || fail "the SQL Server migrations miss model changes"
dotnet ef migrations has-pending-model-changes "${ef_options[@]}" --project src/LicenseAdmin.Migrations.PostgreSql "${postgres_args[@]}" || fail "the PostgreSQL migrations miss model changes"

step "SQL Server idempotent migration script"
dotnet ef migrations script --idempotent "${ef_options[@]}" --project src/LicenseAdmin.Migrations.SqlServer --output "$artifacts/sql/licenseadmin-sqlserver.sql" "${sqlserver_args[@]}" \
    || fail "generating the SQL Server script"
echo "wrote $artifacts/sql/licenseadmin-sqlserver.sql ($(wc -l < "$artifacts/sql/licenseadmin-sqlserver.sql") lines)"

step "PostgreSQL idempotent migration script (applied twice to an empty database)"
pg_script="$artifacts/sql/licenseadmin-postgresql.sql"
dotnet ef migrations script --idempotent "${ef_options[@]}" --project src/LicenseAdmin.Migrations.PostgreSql --output "$pg_script" "${postgres_args[@]}" \
    || fail "generating the PostgreSQL script"
psql_run() { "$PGBIN/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
psql_run -d postgres -c "CREATE DATABASE licenseadmin_script" || fail "creating the script's database"
psql_run -d licenseadmin_script -f "$pg_script" >/dev/null || fail "the PostgreSQL script does not apply to an empty database"
psql_run -d licenseadmin_script -f "$pg_script" >/dev/null 2>&1 || fail "the PostgreSQL script does not apply a second time (not idempotent)"
echo "wrote $pg_script ($(wc -l < "$pg_script") lines); it applies to an empty database and again on top"

# Both providers: SQLite in a temp file, PostgreSQL on the throwaway cluster (each run makes and drops its own databases).
for bench_provider in sqlite postgres; do
    step "Benchmark smoke test on $bench_provider (--quick --check: counts, seat-race winners, concurrent admins' invariants, not times)"
    bench_args=(--provider "$bench_provider" --quick --check)
    [ "$bench_provider" = postgres ] && bench_args+=(--connection "$pg_server")
    bench_start=$SECONDS
    dotnet run -c Release --no-build --project tests/LicenseAdmin.Benchmarks -- "${bench_args[@]}" \
        || fail "the benchmark's correctness checks failed on $bench_provider (see the FAILED lines above: grid counts, bulk changes, purge, seat race, concurrent admins or portal pages)"
    echo "benchmark smoke test on $bench_provider took $((SECONDS - bench_start)) s"
done

# The projects whose tests touch a database run once per provider from the same test code (the provider matrix);
# a test written for one provider only carries [Trait("Provider", ...)] and is left out of the other runs.
database_projects=(tests/LicenseAdmin.Infrastructure.Tests tests/LicenseAdmin.Web.Tests tests/LicenseAdmin.EndToEnd.Tests tests/LicenseAdmin.Api.Tests)
providers=(Sqlite PostgreSql)
[ -n "${LICENSEADMIN_TEST_SQLSERVER:-}" ] && providers+=(SqlServer)

log="$artifacts/test-results/dotnet-test.log"
: > "$log"
status=0
expected_projects=0
run_tests() { # run_tests <label> <project> [dotnet test args...]
    local label=$1 project=$2; shift 2
    step "Tests: $project ($label)"
    expected_projects=$((expected_projects + 1))
    dotnet test "$project" -c Release --no-build --nologo --results-directory "$artifacts/test-results/$label" --logger "trx" "$@" 2>&1 | tee -a "$log"
    [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
}

for project in tests/*.Tests; do
    [[ " ${database_projects[*]} " == *" $project "* ]] || run_tests no-database "$project"
done
export LICENSEADMIN_TEST_POSTGRESQL="$pg_server"
for provider in "${providers[@]}"; do
    # Every test except those marked for another provider: "Provider!=PostgreSql&Provider!=SqlServer" for SQLite.
    others=$(printf '%s\n' Sqlite PostgreSql SqlServer | grep -vx "$provider" | sed 's/^/Provider!=/' | paste -sd '&')
    for project in "${database_projects[@]}"; do
        LICENSEADMIN_TEST_PROVIDER=$provider run_tests "$provider" "$project" --filter "$others"
    done
done

sum_of() { grep -oE "$1: +[0-9]+" "$log" | awk '{ total += $2 } END { print total + 0 }'; }
# Sum the per-run summaries ("Passed!  - Failed: 0, Passed: 12, Skipped: 0, ...").
passed=$(sum_of Passed)
failed=$(sum_of Failed)
skipped=$(sum_of Skipped)
projects=$(grep -cE '^(Passed|Failed)! ' "$log")
passed=${passed:-0}; failed=${failed:-0}; skipped=${skipped:-0}

if [ "$projects" -ne "$expected_projects" ]; then
    echo "Only $projects of $expected_projects test runs reported results."
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
