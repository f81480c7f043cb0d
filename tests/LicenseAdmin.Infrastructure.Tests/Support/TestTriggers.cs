using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Tests.Support;

/// <summary>
/// Triggers a test adds to make the database misbehave on one row, in the dialect of the provider under test
/// (identifiers in double quotes, which SQLite and PostgreSQL both read; ids as the text each provider compares).
/// </summary>
public static class TestTriggers
{
    /// <summary>An id as stored: SQLite keeps upper-case text, PostgreSQL a uuid (which reads the same text literal).</summary>
    public static string IdLiteral(Guid id) => $"'{id.ToString().ToUpperInvariant()}'";

    /// <summary>An id as a raw SQL parameter: text on SQLite, a uuid elsewhere.</summary>
    public static object IdParameter(Guid id) => TestProvider.IsSqlite ? id.ToString().ToUpperInvariant() : id;

    /// <summary>Every INSERT of a row whose column holds the id fails with 'refused by test'.</summary>
    public static Task RefuseInsertAsync(AppDbContext db, string table, string column, Guid id) =>
        CreateAsync(db, "refuse_row", "INSERT", table, $"NEW.\"{column}\" = {IdLiteral(id)}",
            sqliteBody: "SELECT RAISE(ABORT, 'refused by test');", postgreSqlBody: "RAISE EXCEPTION 'refused by test';");

    /// <summary>A DELETE of a row whose column holds the id silently leaves it in place, as if someone else had removed it first.</summary>
    public static Task IgnoreDeleteAsync(AppDbContext db, string table, string column, Guid id) =>
        CreateAsync(db, "lose_row", "DELETE", table, $"OLD.\"{column}\" = {IdLiteral(id)}",
            sqliteBody: "SELECT RAISE(IGNORE);", postgreSqlBody: "RETURN NULL;");

    private static async Task CreateAsync(AppDbContext db, string name, string operation, string table, string when, string sqliteBody, string postgreSqlBody)
    {
        // Test-made text only (table and column names, a literal id): nothing from outside reaches these statements.
        string[] statements = TestProvider.Name switch
        {
            TestProvider.Sqlite => [$"CREATE TRIGGER {name} BEFORE {operation} ON \"{table}\" WHEN {when} BEGIN {sqliteBody} END;"],
            TestProvider.PostgreSql =>
            [
                $"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {postgreSqlBody} END $$;",
                $"CREATE TRIGGER {name} BEFORE {operation} ON \"{table}\" FOR EACH ROW WHEN ({when}) EXECUTE FUNCTION {name}();",
            ],
            _ => throw new NotSupportedException($"No test trigger dialect for {TestProvider.Name}."),
        };
        foreach (var statement in statements) await db.Database.ExecuteSqlRawAsync(statement);
    }
}
