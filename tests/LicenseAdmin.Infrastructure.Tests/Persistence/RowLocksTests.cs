using LicenseAdmin.Infrastructure.Persistence;

namespace LicenseAdmin.Infrastructure.Tests.Persistence;

/// <summary>
/// The locking statement each provider gets. The PostgreSQL form also runs in every concurrency test of the PostgreSQL
/// run; the SQL Server form runs only where a SQL Server connection string is given, so its text is checked here.
/// </summary>
public sealed class RowLocksTests
{
    [Fact]
    public void Sql_OnSqlite_IsNone_BecauseTheWriteTransactionRunsAlone()
    {
        Assert.Null(RowLocks.Sql(RowLocks.Form.None, "SeatCounters", "ProductId", "[TenantId] = {0}"));
    }

    [Fact]
    public void Sql_OnPostgreSql_SelectsForUpdateInKeyOrder_WithQuotedNames()
    {
        Assert.Equal(
            """SELECT "ProductId" AS "Value" FROM "SeatCounters" WHERE "TenantId" = {0} ORDER BY "ProductId" FOR UPDATE""",
            RowLocks.Sql(RowLocks.Form.ForUpdate, "SeatCounters", "ProductId", "[TenantId] = {0}"));
    }

    [Fact]
    public void Sql_OnSqlServer_HoldsUpdateLocksInKeyOrder()
    {
        Assert.Equal(
            "SELECT [ProductId] AS [Value] FROM [SeatCounters] WITH (UPDLOCK, ROWLOCK, HOLDLOCK) WHERE [TenantId] = {0} ORDER BY [ProductId]",
            RowLocks.Sql(RowLocks.Form.UpdLock, "SeatCounters", "ProductId", "[TenantId] = {0}"));
    }

    [Fact]
    public void Sql_ForAnIdList_TakesTheIdsAsOneArrayParameter_OnEachServer()
    {
        Assert.Equal(
            """SELECT "Id" AS "Value" FROM "DirectoryUsers" WHERE "Id" = ANY({0}) ORDER BY "Id" FOR UPDATE""",
            RowLocks.Sql(RowLocks.Form.ForUpdate, "DirectoryUsers", "Id", RowLocks.IdListCondition(RowLocks.Form.ForUpdate, "Id")));
        Assert.Equal(
            "SELECT [Id] AS [Value] FROM [DirectoryUsers] WITH (UPDLOCK, ROWLOCK, HOLDLOCK) " +
            "WHERE [Id] IN (SELECT CAST([value] AS uniqueidentifier) FROM OPENJSON({0})) ORDER BY [Id]",
            RowLocks.Sql(RowLocks.Form.UpdLock, "DirectoryUsers", "Id", RowLocks.IdListCondition(RowLocks.Form.UpdLock, "Id")));
    }

    /// <summary>
    /// Chunks of ids are locked one statement after another, so the chunks must follow the database's own order: then
    /// two changes over overlapping users take every lock in the same order.
    /// </summary>
    [Fact]
    public void InLockOrder_FollowsEachDatabasesUuidOrder_AndDropsRepeats()
    {
        var low = Guid.Parse("00000000-0000-0000-0000-ff0000000000");
        var high = Guid.Parse("ff000000-0000-0000-0000-000000000000");

        // PostgreSQL compares bytes from the left, as the text reads; SQL Server compares the last six bytes first.
        Assert.Equal([low, high], RowLocks.InLockOrder(RowLocks.Form.ForUpdate, [high, low, high]));
        Assert.Equal([high, low], RowLocks.InLockOrder(RowLocks.Form.UpdLock, [low, high, low]));
    }
}
