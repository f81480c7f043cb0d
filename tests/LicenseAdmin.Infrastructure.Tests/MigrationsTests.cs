using System.Text.RegularExpressions;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace LicenseAdmin.Infrastructure.Tests;

/// <remarks>These build each provider's model without a server; they run once, in the SQLite pass.</remarks>
[Trait(TestProvider.Trait, TestProvider.Sqlite)]
public sealed class MigrationsTests
{
    private static AppDbContext ContextFor(string provider)
    {
        var services = TestDatabase.BuildServices(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Sqlite"] = "Data Source=:memory:",
            ["ConnectionStrings:SqlServer"] = "Server=127.0.0.1,1;Database=LicenseAdmin;User Id=sa;Password=x;TrustServerCertificate=True",
            ["ConnectionStrings:PostgreSql"] = "Host=127.0.0.1;Port=1;Username=postgres;Database=licenseadmin",
        }, out _);
        return services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("SqlServer")]
    [InlineData("PostgreSql")]
    public void Model_HasNoChangesThatNoMigrationCaptures(string provider)
    {
        using var db = ContextFor(provider);
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes without a {provider} migration. Run dotnet ef migrations add for every provider.");
    }

    [Theory]
    [InlineData("Sqlite", "LicenseAdmin.Migrations.Sqlite")]
    [InlineData("SqlServer", "LicenseAdmin.Migrations.SqlServer")]
    [InlineData("PostgreSql", "LicenseAdmin.Migrations.PostgreSql")]
    public void EachProvider_UsesItsOwnMigrationsAssembly(string provider, string assembly)
    {
        using var db = ContextFor(provider);
        var migrations = db.GetService<IMigrationsAssembly>();
        Assert.Equal(assembly, migrations.Assembly.GetName().Name);
        Assert.NotEmpty(migrations.Migrations);
    }

    [Fact]
    public void SqlServerIdempotentScript_ParsesAsTransactSqlWithoutErrors()
    {
        using var db = ContextFor("SqlServer");
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var parser = new TSql170Parser(initialQuotedIdentifiers: true);
        parser.Parse(new StringReader(script), out var errors);

        Assert.Empty(errors.Select(e => $"line {e.Line}: {e.Message}"));
        Assert.Contains("CREATE TABLE [DirectoryUsers]", script);
        Assert.Contains("IF NOT EXISTS", script);
    }

    /// <summary>
    /// Raw SQL in the SQL Server migrations runs through EXEC(N'...') (a CREATE TRIGGER must start its batch), which the
    /// parser above sees as a string: each such statement is parsed on its own too.
    /// </summary>
    [Fact]
    public void SqlServerIdempotentScript_StatementsRunThroughExec_ParseAsTransactSql()
    {
        using var db = ContextFor("SqlServer");
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        var statements = Regex.Matches(script, @"EXEC\(N'((?:[^']|'')*)'\)").Select(m => m.Groups[1].Value.Replace("''", "'")).ToList();

        var parser = new TSql170Parser(initialQuotedIdentifiers: true);
        var errors = statements.SelectMany(sql =>
        {
            parser.Parse(new StringReader(sql), out var found);
            return found.Select(e => $"{sql.Split('\n')[0]} (line {e.Line}): {e.Message}");
        });

        Assert.Empty(errors);
        foreach (var trigger in UserLicenseCount.Triggers)
            Assert.Contains(statements, sql => sql.Contains($"CREATE TRIGGER [{trigger}]"));
    }
}
