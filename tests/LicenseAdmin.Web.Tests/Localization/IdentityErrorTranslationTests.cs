using System.Reflection;
using LicenseAdmin.Infrastructure.Identity;
using LicenseAdmin.Web.Localization;
using LicenseAdmin.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace LicenseAdmin.Web.Tests.Localization;

/// <summary>Identity's error sentences and the portal's password rules, in English as Identity words them and in Danish.</summary>
public sealed class IdentityErrorTranslationTests
{
    private static LocalizedIdentityErrorDescriber Describer() => new(new ServiceCollection()
        .AddLogging()
        .AddLocalization(options => options.ResourcesPath = "Resources")
        .BuildServiceProvider()
        .GetRequiredService<IStringLocalizer<Strings>>());

    /// <summary>Every sentence the describer can say: Identity's and the portal's own.</summary>
    private static IEnumerable<MethodInfo> Errors() => typeof(PortalIdentityErrorDescriber)
        .GetMethods(BindingFlags.Public | BindingFlags.Instance)
        .Where(m => m.ReturnType == typeof(IdentityError) && m.IsVirtual);

    private static IdentityError Say(IdentityErrorDescriber describer, MethodInfo error) =>
        (IdentityError)error.Invoke(describer, error.GetParameters().Select(p => p.ParameterType == typeof(int) ? (object)12 : "kim@contoso.com").ToArray())!;

    [Fact]
    public void InEnglish_EveryIdentityError_ReadsAsIdentityWordsIt_ExceptTheClearerWrongCurrentPassword()
    {
        using var _ = CultureScope.English();
        var describer = Describer();
        var identity = new IdentityErrorDescriber();

        var differing = Errors().Where(m => m.GetBaseDefinition().DeclaringType == typeof(IdentityErrorDescriber))
            .Where(m => Say(describer, m).Description != Say(identity, m).Description || Say(describer, m).Code != Say(identity, m).Code)
            .Select(m => $"{m.Name}: {Say(describer, m).Description}");

        Assert.Equal(["PasswordMismatch: The current password is incorrect."], differing);
        Assert.Equal(22, Errors().Count(m => m.GetBaseDefinition().DeclaringType == typeof(IdentityErrorDescriber)));
    }

    [Fact]
    public void InDanish_EveryError_HasItsOwnTranslation_WithTheValueFilledIn()
    {
        var describer = Describer();
        Dictionary<string, string> english, danish;
        using (CultureScope.English()) english = Errors().ToDictionary(m => m.Name, m => Say(describer, m).Description);
        using (CultureScope.Danish()) danish = Errors().ToDictionary(m => m.Name, m => Say(describer, m).Description);

        Assert.Empty(danish.Where(pair => pair.Value == english[pair.Key]).Select(pair => pair.Key));
        Assert.Equal("Brugernavnet 'kim@contoso.com' er allerede i brug.", danish["DuplicateUserName"]);
        Assert.Equal("Adgangskoder skal være på mindst 12 tegn.", danish["PasswordTooShort"]);
        Assert.Equal("Denne adgangskode er på listen over almindeligt brugte adgangskoder. Vælg en anden.", danish["PasswordIsCommon"]);
    }

    /// <summary>The portal's user manager uses this describer: a duplicate username is refused in the reader's language.</summary>
    [Theory]
    [InlineData("en", "Username 'admin@contoso.com' is already taken.")]
    [InlineData("da", "Brugernavnet 'admin@contoso.com' er allerede i brug.")]
    public async Task ThePortalsUserManager_RefusesADuplicateUsername_InTheReadersLanguage(string language, string expected)
    {
        using var portal = new PortalFactory();
        using var _ = language == "da" ? CultureScope.Danish() : CultureScope.English();
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var existing = await users.Users.AsNoTracking().SingleAsync(u => u.UserName == "admin@contoso.com");

        var result = await users.CreateAsync(new ApplicationUser { UserName = "admin@contoso.com", TenantId = existing.TenantId, DirectoryUserId = Guid.NewGuid() });

        Assert.Equal([expected], result.Errors.Select(e => e.Description));
    }
}
