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

/// <summary>
/// Runs many small statements in order as fast as the database allows: on SQLite (in-process, no round trip) each text is a
/// prepared command re-bound per row; on a server the statements go in batches of up to <see cref="BatchSize"/> per round
/// trip (ADO.NET's DbBatch), so the floor pays for the database's work and not for one network round trip per row.
/// </summary>
internal sealed class StatementRunner(BenchmarkProvider provider, DbConnection connection, DbTransaction transaction) : IDisposable
{
    public const int BatchSize = 500;
    private readonly Dictionary<string, PreparedSql> _prepared = [];
    private DbBatch? _batch;

    public void Run(string sql, string[] names, params object[] values)
    {
        if (!connection.CanCreateBatch)
        {
            if (!_prepared.TryGetValue(sql, out var prepared)) _prepared[sql] = prepared = PreparedSql.Prepared(provider, connection, transaction, sql, names);
            prepared.Run(values);
            return;
        }
        _batch ??= NewBatch();
        var command = _batch.CreateBatchCommand();
        command.CommandText = sql;
        for (var i = 0; i < names.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = names[i];
            parameter.Value = values[i];
            command.Parameters.Add(parameter);
        }
        _batch.BatchCommands.Add(command);
        if (_batch.BatchCommands.Count >= BatchSize) Flush();
    }

    /// <summary>Sends what is waiting (call before reading anything the statements changed).</summary>
    public void Flush()
    {
        if (_batch is null) return;
        _batch.ExecuteNonQuery();
        _batch.Dispose();
        _batch = null;
    }

    private DbBatch NewBatch()
    {
        var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        return batch;
    }

    public void Dispose()
    {
        _batch?.Dispose();
        foreach (var prepared in _prepared.Values) prepared.Dispose();
    }
}
