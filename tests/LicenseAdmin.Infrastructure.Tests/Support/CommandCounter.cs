using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LicenseAdmin.Infrastructure.Tests.Support;

/// <summary>
/// Counts the SQL commands EF Core runs against this test's database (other tests run on their own), all of them or
/// those whose text matches.
/// </summary>
internal sealed class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly List<IDisposable> _subscriptions = [];
    private readonly string _database;
    private readonly Func<string, bool> _matching;
    private int _count;

    private CommandCounter(string database, Func<string, bool>? matching)
    {
        _database = database;
        _matching = matching ?? (_ => true);
        _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    public int Count => Volatile.Read(ref _count);

    public static async Task<CommandCounter> StartAsync(TestDatabase database, Func<string, bool>? matching = null)
    {
        await using var db = await database.Contexts.ForSystemAsync(CancellationToken.None);
        return new CommandCounter(Key(db.Database.GetDbConnection()), matching);
    }

    private static string Key(DbConnection connection) => $"{connection.DataSource}|{connection.Database}";

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name) lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData data
            && data.Command.Connection is { } connection && Key(connection) == _database && _matching(data.Command.CommandText))
            Interlocked.Increment(ref _count);
    }

    public void OnCompleted() { }

    public void OnError(Exception error) { }

    public void Dispose()
    {
        lock (_subscriptions) foreach (var subscription in _subscriptions) subscription.Dispose();
    }
}
