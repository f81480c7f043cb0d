using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Infrastructure.Services.Office;

namespace LicenseAdmin.Infrastructure.Services.Account;

/// <summary>What a signed-in user sees of themselves on My account.</summary>
public sealed record MyAccount(
    string DisplayName, string Upn, IReadOnlyList<MyLicense> Licenses, IReadOnlyList<MyService> Services,
    IReadOnlyList<OfficeInstallationView> OfficeInstallations)
{
    public int MaxOfficeInstallations => OfficeInstallation.MaxPerUser;
}

public sealed record MyLicense(Guid ProductId, string ProductName, IReadOnlyList<MyServicePlan> Plans);

public sealed record MyServicePlan(string Name, string FriendlyName, bool Enabled);

/// <summary>
/// One service family (mailbox, SharePoint, Skype for Business, Office apps) and where its provisioning is.
/// State is null when no license ever provisioned it; DaysLeft counts whole days until retained data is purged.
/// </summary>
public sealed record MyService(ServiceFamily Family, ProvisioningState? State, DateTime? RetainedUntilUtc, int? DaysLeft);
