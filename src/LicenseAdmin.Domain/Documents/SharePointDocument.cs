using System.Linq.Expressions;

namespace LicenseAdmin.Domain.Documents;

/// <summary>
/// A document a user saved in the tenant's SharePoint. Documents are never purged (docs/product-rules.md, "Removing licenses"):
/// when the purge service deletes their owner for good, they stay and show the owner as a deleted user.
/// </summary>
public sealed class SharePointDocument : ITenantOwned
{
    private SharePointDocument()
    {
        Title = OwnerDisplayName = string.Empty;
    }

    public SharePointDocument(Guid id, Guid tenantId, string title, Guid ownerUserId, string ownerDisplayName, DateTime createdUtc)
    {
        if (string.IsNullOrWhiteSpace(title)) throw new DomainException("DocumentTitleRequired", "A document needs a title.");
        Id = id;
        TenantId = tenantId;
        Title = title.Trim();
        OwnerUserId = ownerUserId;
        OwnerDisplayName = ownerDisplayName;
        CreatedUtc = createdUtc;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public string Title { get; private set; }

    /// <summary>The owner while they exist; null once the purge service deleted them.</summary>
    public Guid? OwnerUserId { get; private set; }

    /// <summary>Kept as text, so the document still names its owner after the owner is gone.</summary>
    public string OwnerDisplayName { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    /// <summary>
    /// How a purged owner is shown on their documents, as an expression, so the purge can rename all of a batch's
    /// documents in one UPDATE with the same rule.
    /// </summary>
    public static readonly Expression<Func<string, string>> DeletedOwnerNameOf = displayName => "Deleted user (" + displayName + ")";

    private static readonly Func<string, string> DeletedOwnerNameRule = DeletedOwnerNameOf.Compile();

    /// <summary>How a purged owner is shown on their documents.</summary>
    public static string DeletedOwnerName(string displayName) => DeletedOwnerNameRule(displayName);
}
