using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Auditing;

namespace LicenseAdmin.Infrastructure.Retention;

/// <summary>One "Purge retained data" entry per tenant and batch, written in the batch's transaction.</summary>
internal static class PurgeAudit
{
    public const string Actor = "Retention purge service";
    public const string ActorRole = "System";

    public static void Add(AppDbContext db, DateTime nowUtc, Guid batchId, IReadOnlyList<PurgedItem> purged)
    {
        foreach (var tenant in purged.GroupBy(p => p.Item.TenantId))
        {
            var counts = tenant.Aggregate(PurgeCounts.None, (sum, p) => sum.Plus(p.Counts));
            var after = new
            {
                counts.Mailboxes, counts.Users, counts.Licenses, counts.Installations, counts.ProvisioningRecords, counts.DocumentsKept,
                MailboxesOf = Upns(tenant, PurgeKind.MailboxData),
                DeletedUsers = Upns(tenant, PurgeKind.DeletedUser),
            };
            db.AuditEntries.Add(new AuditEntry(tenant.Key, nowUtc, Actor, ActorRole, AuditAction.PurgeRetainedData, counts.Summary(),
                AuditOutcome.Succeeded, after: AuditTrail.ToJson(after), operationId: batchId, detail: counts.ToString()));
        }
    }

    private static List<string> Upns(IEnumerable<PurgedItem> items, PurgeKind kind) =>
        items.Where(i => i.Item.Kind == kind).Select(i => i.Item.UserPrincipalName).Order().ToList();
}
