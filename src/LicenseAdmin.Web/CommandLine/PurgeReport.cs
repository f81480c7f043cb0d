using LicenseAdmin.Infrastructure.Retention;

namespace LicenseAdmin.Web.CommandLine;

/// <summary>Prints the answer of <c>purge run</c>: counts per kind, and with --dry-run every item that would go.</summary>
internal static class PurgeReport
{
    public static async Task<int> WriteAsync(PurgeRunResult result, TextWriter output, TextWriter error)
    {
        var counts = result.Counts;
        // Exit codes: 0 done (or listed), 1 nothing done because another instance holds the purge lease.
        switch (result.Outcome)
        {
            case PurgeRunOutcome.SkippedLeaseHeld:
                await error.WriteLineAsync($"Another instance is purging (lease held by {result.LeaseHolder}); nothing was done. Try again later.");
                return 1;
            case PurgeRunOutcome.DryRun:
                await output.WriteLineAsync("Dry run: nothing was purged.");
                await output.WriteLineAsync($"Would purge: {PerKind(counts)}.");
                foreach (var item in result.Items.OrderBy(i => i.Kind).ThenBy(i => i.DueUtc))
                    await output.WriteLineAsync($"  {Kind(item.Kind),-14} {item.UserPrincipalName,-40} due {item.DueUtc:yyyy-MM-dd HH:mm} UTC");
                return 0;
            default:
                await output.WriteLineAsync(
                    $"Purged: {PerKind(counts)} " +
                    $"({counts.Licenses} licenses, {counts.Installations} Office installations, {counts.ProvisioningRecords} provisioning records); " +
                    $"{counts.DocumentsKept} SharePoint documents kept. {result.Batches} batches, longest {result.LongestBatch.TotalMilliseconds:0} ms.");
                if (result.Outcome == PurgeRunOutcome.StoppedLeaseLost)
                    await error.WriteLineAsync("Stopped early: the purge lease went to another instance, which continues.");
                return 0;
        }
    }

    private static string PerKind(PurgeCounts counts) =>
        $"{counts.Mailboxes} retained {(counts.Mailboxes == 1 ? "mailbox" : "mailboxes")}, {counts.Users} deleted {(counts.Users == 1 ? "user" : "users")}";

    private static string Kind(PurgeKind kind) => kind == PurgeKind.MailboxData ? "mailbox data" : "deleted user";
}
