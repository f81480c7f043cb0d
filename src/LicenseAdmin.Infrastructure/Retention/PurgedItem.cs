namespace LicenseAdmin.Infrastructure.Retention;

/// <summary>An item a batch deleted, with what went with it.</summary>
internal sealed record PurgedItem(PurgeItem Item, PurgeCounts Counts);
