namespace LicenseAdmin.Infrastructure.Persistence.BulkRows;

/// <summary>How many rows one INSERT command carries, and whether a command is reused for the next rows.</summary>
/// <param name="MaxRowsPerCommand">At most this many rows per command.</param>
/// <param name="MaxParametersPerCommand">At most this many parameters per command.</param>
/// <param name="RebindsParameters">Whether the next rows reuse the command, with new values in its parameters.</param>
internal sealed record InsertBatching(int MaxRowsPerCommand, int MaxParametersPerCommand, bool RebindsParameters)
{
    /// <summary>
    /// SQLite runs in the process, so a command costs no round trip: one single-row INSERT, prepared once and re-bound per
    /// row, is its fastest form (measured 10,000 audit entries: about 0.2 s, against 0.7-1.5 s for multi-row commands,
    /// which SQLite slows by finding each named parameter with a linear search).
    /// </summary>
    public static readonly InsertBatching Sqlite = new(1, int.MaxValue, RebindsParameters: true);

    /// <summary>
    /// SQL Server pays a round trip per command: as many rows as its limits allow (1,000 rows per VALUES list, 2,100
    /// parameters), each command's parameters made afresh so their sizes fit their values.
    /// </summary>
    public static readonly InsertBatching SqlServer = new(1000, 2000, RebindsParameters: false);

    public int RowsPerCommand(int columns) => Math.Max(1, Math.Min(MaxRowsPerCommand, MaxParametersPerCommand / columns));
}
