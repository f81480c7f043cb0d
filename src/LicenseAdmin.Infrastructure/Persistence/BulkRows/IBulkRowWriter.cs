using System.Data.Common;

namespace LicenseAdmin.Infrastructure.Persistence.BulkRows;

/// <summary>
/// Writes new rows of one table inside an open transaction, the provider's fastest way: a prepared single-row INSERT on
/// SQLite (<see cref="StatementRowWriter"/>), multi-row INSERTs on SQL Server, binary COPY on PostgreSQL
/// (<see cref="PostgreSqlCopyRowWriter"/>). Decision 0024 gives the measurements.
/// </summary>
internal interface IBulkRowWriter
{
    Task WriteAsync(DbTransaction transaction, BulkRowTable table, IReadOnlyList<object> rows, int? timeoutSeconds, CancellationToken cancellationToken);
}
