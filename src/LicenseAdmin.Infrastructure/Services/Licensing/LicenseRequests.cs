using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Services.Users;

namespace LicenseAdmin.Infrastructure.Services.Licensing;

/// <summary>The three choices of "Manage product licenses" for a selection of users.</summary>
public enum BulkLicenseMode
{
    /// <summary>Add the chosen products; the users' other licenses stay.</summary>
    AddToExisting,

    /// <summary>Each user ends up with exactly the chosen products.</summary>
    ReplaceExisting,

    /// <summary>"Remove all product licenses from the selected users".</summary>
    RemoveAll,
}

/// <summary>A bulk license change: which users, which mode, and the products with their plans turned off.</summary>
public sealed record BulkLicenseRequest(BulkLicenseMode Mode, UserSelection Users, IReadOnlyList<ProductLicense> Products)
{
    public string Describe() => Mode switch
    {
        BulkLicenseMode.AddToExisting => "Add to existing products",
        BulkLicenseMode.ReplaceExisting => "Replace existing products",
        _ => "Remove all product licenses",
    };

    public LicenseChange ToChange(IReadOnlyList<Guid> userIds) => Mode switch
    {
        BulkLicenseMode.AddToExisting => new AddToExistingLicenses(userIds, Products),
        BulkLicenseMode.ReplaceExisting => new ReplaceLicenses(userIds, Products),
        _ => new RemoveAllLicenses(userIds),
    };
}

/// <summary>What was written: the operation (for Undo), how many users changed, and the seats each product moved.</summary>
public sealed record LicenseChangeResult(Guid? OperationId, int UsersChanged, int UsersUnchanged, IReadOnlyList<SeatDemand> Seats)
{
    /// <summary>An idempotent repeat: everything already was as asked, nothing was written, no seat was used.</summary>
    public bool NothingToDo => OperationId is null;

    /// <summary>
    /// Licenses whose direct part was removed while groups still give them, each with its sentence ("Office 365 E3 stays:
    /// it is inherited from the group Sales."), for the admin who asked to remove them.
    /// </summary>
    public IReadOnlyList<DomainMessage> Kept { get; init; } = [];
}

/// <summary>A license state as the audit log keeps it: enough to name it for people and to restore it on Undo.</summary>
public sealed record AuditedLicense(Guid ProductId, string Product, IReadOnlyList<Guid> DisabledPlanIds)
{
    /// <summary>The license named by the catalog (its id when the catalog no longer has it), disabled plans sorted.</summary>
    public static AuditedLicense Of(LicensingCatalog catalog, ProductLicense license) =>
        new(license.ProductId, catalog.TryGetProduct(license.ProductId, out var product) ? product.DisplayName : license.ProductId.ToString(),
            license.DisabledPlanIds.Order().ToList());
}
