using System.Data.Common;

namespace LicenseAdmin.Benchmarks;

/// <summary>
/// A command re-bound per row: how the seeder and the floors write many rows in plain SQL. It is prepared on its first run
/// (once its parameters have values, so every provider knows their types) where the provider prepares commands.
/// </summary>
internal sealed class PreparedSql(BenchmarkProvider provider, DbCommand command) : IDisposable
{
    private bool _prepared = !provider.PreparesCommands;

    public static PreparedSql Prepared(BenchmarkProvider provider, DbConnection connection, DbTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }
        return new PreparedSql(provider, command);
    }

    /// <summary>Binds <paramref name="values"/> to the command's parameters in order and runs it; returns the rows it changed.</summary>
    public int Run(params object[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
        if (!_prepared)
        {
            command.Prepare();
            _prepared = true;
        }
        return command.ExecuteNonQuery();
    }

    public void Dispose() => command.Dispose();
}

/// <summary>One-off statements of the benchmark's raw SQL.</summary>
internal static class Sql
{
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    public static int Execute(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static int Scalar(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return Convert.ToInt32(command.ExecuteScalar());
    }
}
