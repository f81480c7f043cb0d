using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Persistence;

/// <summary>
/// The few places where the model's SQL text differs on PostgreSQL. Index filters are written once, with brackets
/// around column names (which SQLite and SQL Server both read), and check constraints with bare column names (which
/// PostgreSQL folds to lower case); PostgreSQL needs mixed-case names in double quotes.
/// </summary>
/// <remarks>
/// Case: usernames are stored lower-case by the domain (<c>DirectoryUser.NormalizeUpn</c>) and Identity matches its
/// normalized columns, so unique indexes and searches need no case-insensitive collation or citext (decision 0007).
/// </remarks>
internal static partial class PostgreSqlModel
{
    public static void Adapt(ModelBuilder builder)
    {
        foreach (var index in builder.Model.GetEntityTypes().SelectMany(e => e.GetDeclaredIndexes()))
        {
            if (index.GetFilter() is { } filter) index.SetFilter(BracketedName().Replace(filter, "\"$1\""));
        }
        foreach (var entityType in builder.Model.GetEntityTypes())
        {
            foreach (var check in entityType.GetCheckConstraints().ToList())
            {
                var sql = entityType.GetProperties().Select(p => p.Name)
                    .Aggregate(check.Sql, (text, column) => Regex.Replace(text, $@"(?<![""\w]){column}(?![""\w])", $"\"{column}\""));
                entityType.RemoveCheckConstraint(check.ModelName);
                entityType.AddCheckConstraint(check.ModelName, sql);
            }
        }
    }

    [GeneratedRegex(@"\[(\w+)\]")]
    private static partial Regex BracketedName();
}
