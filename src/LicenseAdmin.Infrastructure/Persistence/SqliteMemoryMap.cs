using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LicenseAdmin.Infrastructure.Persistence;

/// <summary>
/// Maps the SQLite file into the process's address space on every connection the app opens (<c>PRAGMA mmap_size</c>).
/// SQLite's own page cache is 2 MB per connection; a 100,000-user file is about 180 MB, so a count over a large view
/// reads most pages through one <c>read()</c> call each. Mapped, those pages come straight from the operating system's
/// file cache, which all connections share: no private memory per connection (docs/operations.md).
/// </summary>
public sealed class SqliteMemoryMap(long bytes) : DbConnectionInterceptor
{
    /// <summary>256 MB: a 100,000-user tenant's file, with room to grow. 0 turns mapping off.</summary>
    public const int DefaultMegabytes = 256;

    public long Bytes { get; } = bytes;

    public static SqliteMemoryMap OfMegabytes(int megabytes) => new(megabytes * 1024L * 1024L);

    private string Pragma => $"PRAGMA mmap_size = {Bytes};";

    /// <summary>Sets the mapping on an open connection; the benchmark's plain-SQL floors use it too, so both read alike.</summary>
    public void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
