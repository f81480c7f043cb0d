namespace LicenseAdmin.Infrastructure.Retention;

public enum PurgeKind
{
    /// <summary>Retained service data whose 30 days are over (only Exchange mailboxes are ever retained).</summary>
    MailboxData,

    /// <summary>A user deleted 30 days ago, with their licenses, Office installations and provisioning records.</summary>
    DeletedUser,
}

/// <summary>Something the purge deletes (or, in a dry run, would delete).</summary>
public sealed record PurgeItem(Guid TenantId, PurgeKind Kind, Guid UserId, string UserPrincipalName, DateTime DueUtc);

/// <summary>What a purge deleted. SharePoint documents are not deleted: they are counted as kept, with their owner shown as deleted.</summary>
public sealed record PurgeCounts(int Mailboxes, int Users, int Licenses, int Installations, int ProvisioningRecords, int DocumentsKept)
{
    public static readonly PurgeCounts None = new(0, 0, 0, 0, 0, 0);

    public static PurgeCounts Of(IEnumerable<PurgeItem> items) =>
        new(items.Count(i => i.Kind == PurgeKind.MailboxData), items.Count(i => i.Kind == PurgeKind.DeletedUser), 0, 0, 0, 0);

    public PurgeCounts Plus(PurgeCounts other) => new(
        Mailboxes + other.Mailboxes, Users + other.Users, Licenses + other.Licenses, Installations + other.Installations,
        ProvisioningRecords + other.ProvisioningRecords, DocumentsKept + other.DocumentsKept);

    /// <summary>A short summary for the audit log's target column.</summary>
    public string Summary() => $"{Plural(Mailboxes, "mailbox", "mailboxes")}, {Plural(Users, "deleted user", "deleted users")}";

    public override string ToString() =>
        $"Purged the data of {Plural(Mailboxes, "mailbox", "mailboxes")} and {Plural(Users, "deleted user", "deleted users")} " +
        $"({Plural(Licenses, "license", "licenses")}, {Plural(Installations, "Office installation", "Office installations")}, " +
        $"{Plural(ProvisioningRecords, "provisioning record", "provisioning records")}); " +
        $"{Plural(DocumentsKept, "SharePoint document", "SharePoint documents")} kept, owner shown as deleted user.";

    private static string Plural(int count, string one, string many) => $"{count} {(count == 1 ? one : many)}";
}

public enum PurgeRunOutcome
{
    /// <summary>Everything due was purged.</summary>
    Completed,

    /// <summary>Nothing was written; <see cref="PurgeRunResult.Items"/> lists what a run would purge now.</summary>
    DryRun,

    /// <summary>Another instance holds the purge lease; this one did nothing.</summary>
    SkippedLeaseHeld,

    /// <summary>The lease could not be renewed between batches (it expired and another instance took it); the rest is left to that one.</summary>
    StoppedLeaseLost,
}

/// <summary>The answer of one purge run: what went (or would go), in how many batches, and the longest batch.</summary>
public sealed record PurgeRunResult(
    PurgeRunOutcome Outcome, PurgeCounts Counts, IReadOnlyList<PurgeItem> Items, int Batches, TimeSpan LongestBatch, string? LeaseHolder = null);

/// <summary>One batch about to commit: its number in the run, its kind and what it purged.</summary>
public sealed record PurgeBatch(int Number, PurgeKind Kind, PurgeCounts Counts);

/// <summary>Sees each batch after its changes are written and before they are committed (tests inject faults here).</summary>
public interface IPurgeBatchObserver
{
    Task BeforeCommitAsync(PurgeBatch batch, CancellationToken cancellationToken);
}

internal sealed class NoPurgeBatchObserver : IPurgeBatchObserver
{
    public Task BeforeCommitAsync(PurgeBatch batch, CancellationToken cancellationToken) => Task.CompletedTask;
}
