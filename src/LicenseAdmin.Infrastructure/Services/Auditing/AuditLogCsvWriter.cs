using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace LicenseAdmin.Infrastructure.Services.Auditing;

/// <summary>
/// The audit log's CSV layout. Writes only asynchronously, so it can stream straight into an HTTP response
/// (which refuses synchronous writes).
/// </summary>
internal sealed class AuditLogCsvWriter(TextWriter output) : IAsyncDisposable
{
    public static readonly IReadOnlyList<string> Columns =
        ["When (UTC)", "Actor", "Role", "Action", "Target", "Outcome", "Operation", "Detail", "Before", "After"];

    private readonly CsvWriter _csv = new(output, ExportCsv.Configuration(), leaveOpen: true);

    public async Task WriteHeaderAsync()
    {
        foreach (var column in Columns) _csv.WriteField(column);
        await _csv.NextRecordAsync();
    }

    public async Task WriteRowAsync(AuditLogRow row)
    {
        _csv.WriteField(row.OccurredUtc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        _csv.WriteField(row.Actor);
        _csv.WriteField(row.Role);
        _csv.WriteField(row.Action);
        _csv.WriteField(row.Target);
        _csv.WriteField(row.Outcome.ToString());
        _csv.WriteField(row.OperationId?.ToString() ?? string.Empty);
        _csv.WriteField(row.Detail ?? string.Empty);
        _csv.WriteField(row.Before ?? string.Empty);
        _csv.WriteField(row.After ?? string.Empty);
        await _csv.NextRecordAsync();
    }

    public Task FlushAsync() => _csv.FlushAsync();

    public ValueTask DisposeAsync() => _csv.DisposeAsync();
}
