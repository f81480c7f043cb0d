using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace LicenseAdmin.Infrastructure.Tests.Persistence;

/// <summary>
/// Deadlocks and serialization failures never reach a user: the server databases rerun the failed unit. Whether each
/// provider is set up to retry is checked without a server; that PostgreSQL really reruns a unit on 40001 and 40P01 is
/// checked on a real one (<see cref="PostgreSqlRetryTests"/>).
/// </summary>
public sealed class ExecutionStrategyTests
{
    [Theory]
    [InlineData("SqlServer", "Server=localhost;Database=unused;Trusted_Connection=True;TrustServerCertificate=True", true)]
    [InlineData("PostgreSql", "Host=localhost;Database=unused", true)]
    [InlineData("Sqlite", "Data Source=unused.db", false)]
    public void Provider_RetriesTransientFailures_OnTheServerDatabasesOnly(string provider, string connectionString, bool retries)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            [$"ConnectionStrings:{provider}"] = connectionString,
        }).Build();
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseProviderSetup.Configure(options, configuration);
        using var db = new AppDbContext(options.Options);

        // Creating the strategy opens no connection.
        Assert.Equal(retries, db.Database.CreateExecutionStrategy().RetriesOnFailure);
    }
}

/// <summary>A unit that fails with a serialization failure, then a deadlock, runs a third time and its result is returned.</summary>
[Trait(TestProvider.Trait, TestProvider.PostgreSql)]
public sealed class PostgreSqlRetryTests : Support.DemoDatabaseTest
{
    [Fact]
    public async Task WriteTransaction_OnASerializationFailureOrDeadlock_RunsTheUnitAgain_AndTheCallerSeesOnlyTheResult()
    {
        var failures = new Queue<string>([PostgresErrorCodes.SerializationFailure, PostgresErrorCodes.DeadlockDetected]);
        var attempts = 0;
        await using var db = await Database.Contexts.ForSystemAsync(CancellationToken.None);

        var result = await WriteTransaction.RunAsync(db, async token =>
        {
            attempts++;
            var tenants = await db.Tenants.IgnoreQueryFilters().CountAsync(token);
            if (failures.TryDequeue(out var code)) throw new PostgresException("simulated", "ERROR", "ERROR", code);
            return tenants;
        }, CancellationToken.None);

        Assert.Equal((3, 2), (attempts, result));
        Assert.Equal(("40001", "40P01"), (PostgresErrorCodes.SerializationFailure, PostgresErrorCodes.DeadlockDetected));
    }
}
