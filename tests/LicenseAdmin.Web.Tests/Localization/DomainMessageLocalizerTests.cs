using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Services;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Security;
using LicenseAdmin.Infrastructure.Services.Subscriptions;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Web.Localization;
using LicenseAdmin.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Web.Tests.Localization;

public sealed class DomainMessageLocalizerTests
{
    private static readonly ProductInfo E5 = new(Guid.NewGuid(), "ENTERPRISEPREMIUM", "Office 365 E5", []);
    private static readonly ProductInfo WorkplaceAnalytics = new(Guid.NewGuid(), "WORKPLACE_ANALYTICS", "Microsoft Workplace Analytics", []);
    private static readonly UserLicenseState Anna = new(Guid.NewGuid(), "anna@contoso.com", "Anna", false, "DK", []);
    private static readonly DirectoryUser Bo = new(Guid.NewGuid(), Guid.NewGuid(), "bo@contoso.com", "Bo", UserKind.User, DateTime.UtcNow);
    private static readonly ActingAdmin BillingAdmin = new(Guid.NewGuid(), Guid.NewGuid(), "billing@contoso.com", AdminRoles.BillingAdministrator);

    private static DomainMessageLocalizer Localizer() => new ServiceCollection()
        .AddLogging()
        .AddLocalization(options => options.ResourcesPath = "Resources")
        .AddPortalTranslations()
        .BuildServiceProvider()
        .GetRequiredService<DomainMessageLocalizer>();

    private static DomainMessage ThrownBy(Action action) => Assert.ThrowsAny<DomainException>(action).Reason;

    /// <summary>Each message as the domain and the services make it, and how the Danish portal words it.</summary>
    public static TheoryData<DomainMessage, string> DanishCases() => new()
    {
        { ViolationMessages.NotEnoughSeats(E5, 3, 1).Reason, "Office 365 E5: Der kræves 3 licenser, men der er 1 til rådighed." },
        { ViolationMessages.NotEnoughSeats(E5, 1, -2).Reason, "Office 365 E5: Der kræves 1 licens, men der er 0 til rådighed." },
        {
            ViolationMessages.MutuallyExclusive(Anna, "SharePoint Online (Plan 2)", "Office 365 E3", "SharePoint Online (Plan 1)", "Microsoft 365 Business Basic").Reason,
            "anna@contoso.com: SharePoint Online (Plan 2) (Office 365 E3) og SharePoint Online (Plan 1) (Microsoft 365 Business Basic) kan ikke være slået til samtidig."
        },
        {
            ViolationMessages.MissingDependency(Anna, "Workplace Analytics", WorkplaceAnalytics, ["Exchange Online (Plan 1)", "Exchange Online (Plan 2)", "Exchange Online Kiosk"]).Reason,
            "anna@contoso.com: Workplace Analytics (Microsoft Workplace Analytics) kræver Exchange Online (Plan 1) eller Exchange Online (Plan 2) eller Exchange Online Kiosk, som er slået fra eller ikke er licenseret."
        },
        { ViolationMessages.UsageLocationRequired(Anna).Reason, "anna@contoso.com har ingen anvendelsesplacering. Angiv brugerens land, før du tildeler licenser." },
        { ViolationMessages.UserDeleted(Anna).Reason, "anna@contoso.com er slettet. Gendan brugeren, før du ændrer licenser." },
        { ViolationMessages.NotSubscribed(E5).Reason, "Office 365 E5: Organisationen har intet abonnement på dette produkt." },
        { ViolationMessages.Suspended(E5).Reason, "Office 365 E5: Abonnementet er suspenderet, så produktet kan ikke tildeles." },
        { ViolationMessages.DuplicateProduct(E5).Reason, "Office 365 E5 er valgt mere end én gang." },
        { ViolationMessages.NoUsers().Reason, "Der er ikke valgt nogen brugere. Vælg mindst én bruger." },
        { ViolationMessages.NoProducts().Reason, "Der er ikke valgt nogen produkter. Vælg mindst ét produkt, eller brug Fjern alle for at fjerne alle licenser." },
        { ViolationMessages.NotAssigned(Anna, E5).Reason, "anna@contoso.com har ikke Office 365 E5." },
        { ViolationMessages.UserNotDeleted(Anna).Reason, "anna@contoso.com er ikke slettet, så der er intet at gendanne." },
        {
            ViolationMessages.NotRestored(Anna, E5.Id, E5.DisplayName, ViolationCode.CountViolation, ViolationMessages.NoSeatFree()).Reason,
            "Office 365 E5 blev ikke gendannet for anna@contoso.com: der er ingen ledig licens."
        },
        {
            new LicenseChangeRefusedException([ViolationMessages.NotEnoughSeats(E5, 2, 1), ViolationMessages.UserDeleted(Anna)]).Reason,
            "Intet blev ændret. Office 365 E5: Der kræves 2 licenser, men der er 1 til rådighed. anna@contoso.com er slettet. Gendan brugeren, før du ændrer licenser."
        },
        { UserRefusals.UsernameTaken("bo@contoso.com").Reason, "Brugernavnet bo@contoso.com bruges allerede af en anden bruger." },
        { UserRefusals.LastGlobalAdminDelete(Bo).Reason, "Ingen kan slette den sidste globale administrator (bo@contoso.com)." },
        { UserRefusals.RetentionOver(Bo).Reason, "bo@contoso.com blev slettet for mere end 30 dage siden og kan ikke gendannes." },
        {
            UserRefusals.MayNotDelete(BillingAdmin with { Roles = AdminRoles.UserAdministrator }, Bo).Reason,
            "Din rolle (Brugeradministrator) kan ikke slette bo@contoso.com, som har administratorroller."
        },
        {
            UserRefusals.All([UserRefusals.RetentionOver(Bo), UserRefusals.NotDeleted(Bo)]).Reason,
            "bo@contoso.com blev slettet for mere end 30 dage siden og kan ikke gendannes. bo@contoso.com er ikke slettet, så der er intet at gendanne."
        },
        { PermissionNames.Refusal(BillingAdmin, Permission.AssignLicenses), "Din rolle (Faktureringsadministrator) giver ikke lov til at tildele eller fjerne licenser." },
        { AccessDeniedException.AccountInactive().Reason, "Din konto er slettet eller blokeret for logon. Intet blev ændret." },
        { ThrownBy(() => OfficeInstallation.EnsureRoomForAnother(5)), "Office er allerede installeret på 5 enheder. Fjern en af dem, før du installerer på en ny." },
        { ThrownBy(() => PageBounds.Ensure(0, 501, "users")), "En side kan vise 1 til 500 brugere; der blev bedt om 501." },
        { SubscriptionRefusals.BadQuantity(0, LicenseCountVerb.Buy).Reason, "0 er ikke et antal licenser, du kan købe: Vælg mellem 1 og 1.000.000." },
        {
            SubscriptionRefusals.BelowAssigned("Office 365 E3", 20, 17).Reason,
            "Office 365 E3 har 20 licenser tildelt. Fjern tildelingen af 3 licenser, før du reducerer til 17."
        },
        { new LicenseConflict(E5.Id, "Office 365 E5", Total: 4, Assigned: 5).Fixes[0], "Køb 1 licens til Office 365 E5." },
        // Worded by the directory service (its English is pinned in UserDirectoryServiceTests); the sentence has no values.
        {
            new DomainException("ViewUnavailable",
                "The Unlicensed users view is not available for organisations whose only subscription is Office 365 Small Business Premium.").Reason,
            "Visningen Ikke-licenserede brugere er ikke tilgængelig for organisationer, hvis eneste abonnement er Office 365 Small Business Premium."
        },
        { (AdminRoles.GlobalAdministrator | AdminRoles.BillingAdministrator).Named(), "Global administrator, Faktureringsadministrator" },
    };

    [Theory]
    [MemberData(nameof(DanishCases), DisableDiscoveryEnumeration = true)]
    public void InDanish_TheMessageIsWordedInDanish_WithItsValues(DomainMessage message, string danish)
    {
        using var _ = CultureScope.Danish();

        Assert.Equal(danish, Localizer()[message]);
    }

    [Theory]
    [MemberData(nameof(DanishCases), DisableDiscoveryEnumeration = true)]
    public void InEnglish_TheMessageReadsExactlyAsTheDomainWordsIt(DomainMessage message, string danish)
    {
        using var _ = CultureScope.English();

        Assert.Equal(message.ToString(), Localizer()[message]);
        Assert.NotEqual(danish, message.ToString());
    }

    [Fact]
    public void AMessageWithoutATranslation_FallsBackToTheEnglishTheDomainProduced()
    {
        var unknown = new DomainMessage("SomethingNew", "The {Thing} broke at {Count:N0} places.", new { Thing = "widget", Count = 1500 });
        using var _ = CultureScope.Danish();

        Assert.Equal("The widget broke at 1,500 places.", Localizer()[unknown]);
        Assert.Equal(unknown.ToString(), Localizer()[new DomainException(unknown)]);
    }

    [Fact]
    public void AViolation_AndARefusal_AreWordedFromTheirReasons()
    {
        using var _ = CultureScope.Danish();
        var violation = ViolationMessages.NotEnoughSeats(E5, 3, 1);

        Assert.Equal("Office 365 E5: Der kræves 3 licenser, men der er 1 til rådighed.", Localizer()[violation]);
        Assert.Equal("Intet blev ændret. Office 365 E5: Der kræves 3 licenser, men der er 1 til rådighed.", Localizer()[new LicenseChangeRefusedException([violation])]);
        Assert.Equal("Faktureringsadministrator", Localizer()[AdminRoles.BillingAdministrator]);
    }
}
