namespace LicenseAdmin.Domain.Licensing.Planning;

/// <summary>A change an admin asks for. The planner answers every kind with a <see cref="LicensePlan"/>.</summary>
public abstract record LicenseChange;

/// <summary>
/// Gives one product to one or many users. A user who already holds it gets its disabled plans set to the
/// requested ones (Graph's addLicenses), so assigning twice is a no-op.
/// </summary>
public sealed record AssignLicense(IReadOnlyList<Guid> UserIds, ProductLicense License) : LicenseChange;

/// <summary>
/// Changes which plans of a held product are off. The new set REPLACES the old one (Graph's disabledPlans).
/// A user who does not hold the product gets a ProductNotAssigned violation.
/// </summary>
public sealed record ChangeDisabledPlans(IReadOnlyList<Guid> UserIds, ProductLicense License) : LicenseChange;

/// <summary>Takes one product away. A user who does not hold it gets a ProductNotAssigned violation.</summary>
public sealed record RemoveLicense(IReadOnlyList<Guid> UserIds, Guid ProductId) : LicenseChange;

/// <summary>
/// Graph's assignLicense: adds (or sets the disabled plans of) some products and takes others away, for one or many
/// users, planned on the state of the moment so a concurrent change to another product is kept. A removed product
/// the user does not hold is a ProductNotAssigned violation.
/// </summary>
public sealed record AddAndRemoveLicenses(IReadOnlyList<Guid> UserIds, IReadOnlyList<ProductLicense> Add, IReadOnlyList<Guid> Remove) : LicenseChange;

/// <summary>Bulk "Add to existing": the products are added, other licenses stay; a held product gets the requested disabled plans.</summary>
public sealed record AddToExistingLicenses(IReadOnlyList<Guid> UserIds, IReadOnlyList<ProductLicense> Licenses) : LicenseChange;

/// <summary>Bulk "Replace existing": each user ends up with exactly these products.</summary>
public sealed record ReplaceLicenses(IReadOnlyList<Guid> UserIds, IReadOnlyList<ProductLicense> Licenses) : LicenseChange;

/// <summary>Bulk "Remove all product licenses". Users without licenses are unchanged, not an error.</summary>
public sealed record RemoveAllLicenses(IReadOnlyList<Guid> UserIds) : LicenseChange;

/// <summary>
/// Brings deleted users back with the licenses they had. Each product is restored only where a seat is free
/// and its rules hold; the rest is reported per user as not restored. Never all-or-nothing, never oversells.
/// Whether the UPN is now taken by another user is the service's check (it needs the directory).
/// </summary>
public sealed record RestoreUsers(IReadOnlyList<UserLicenses> Users) : LicenseChange;

/// <summary>Returns each user to the licenses they had before a bulk operation. All or nothing: seats must allow.</summary>
public sealed record UndoBulkChange(IReadOnlyList<UserLicenses> Users) : LicenseChange;
