using Microsoft.Data.Sqlite;

namespace LicenseAdmin.Benchmarks;

/// <summary>Prepared SQLite commands re-bound per row: how the seeder and the floors write many rows in plain SQL.</summary>
internal static class PreparedSql
{
    public static SqliteCommand Prepared(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }

    /// <summary>Binds <paramref name="values"/> to the command's parameters in order and runs it.</summary>
    public static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
        command.ExecuteNonQuery();
    }
}
