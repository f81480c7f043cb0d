using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Office;
using LicenseAdmin.Infrastructure.Services.Security;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests.Licensing;

public sealed class OfficeInstallationServiceTests : DemoDatabaseTest
{
    private OfficeInstallationService Office => Database.Services.GetRequiredService<OfficeInstallationService>();

    [Fact]
    public async Task SixthInstallation_IsRefusedUntilOneIsRemoved()
    {
        var lynne = await Demo.CallerAsync("user@contoso.com");
        for (var i = 3; i <= 5; i++) await Office.AddAsync(lynne, $"PC-{i}", DevicePlatform.Pc, CancellationToken.None);

        var error = await Assert.ThrowsAsync<DomainException>(() => Office.AddAsync(lynne, "PC-6", DevicePlatform.Pc, CancellationToken.None));

        Assert.Equal("Office is already installed on 5 devices. Remove one before installing on another.", error.Message);
        var installs = await Office.ListAsync(lynne, CancellationToken.None);
        Assert.Equal(5, installs.Count);
        await Office.RemoveAsync(lynne, installs[0].Id, CancellationToken.None);
        await Office.AddAsync(lynne, "PC-6", DevicePlatform.Pc, CancellationToken.None);
        Assert.Equal(5, (await Office.ListAsync(lynne, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task InstallationsStay_ButReportUnlicensedProduct_WhenTheLicenseGoes()
    {
        var lynne = await Demo.CallerAsync("user@contoso.com");
        var admin = await Demo.CallerAsync("admin@contoso.com");
        var installs = await Office.ListAsync(lynne, CancellationToken.None);
        Assert.All(installs, i => Assert.Equal(OfficeActivation.Licensed, i.Activation));

        await Database.Services.GetRequiredService<LicenseService>().RemoveAsync(admin, lynne.UserId, DemoTenant.E3, CancellationToken.None);

        var after = await Office.ListAsync(lynne, CancellationToken.None);
        Assert.Equal(installs.Select(i => i.Id), after.Select(i => i.Id));
        Assert.All(after, i => Assert.Equal(OfficeActivation.UnlicensedProduct, i.Activation));
        Assert.Equal(OfficeActivation.UnlicensedProduct, await Office.CheckActivationAsync(lynne, after[0].Id, CancellationToken.None));
        var error = await Assert.ThrowsAsync<DomainException>(() => Office.AddAsync(lynne, "NEW-PC", DevicePlatform.Pc, CancellationToken.None));
        Assert.Equal("None of your licenses includes the Office apps, so Office cannot be installed. Ask your administrator for a license.", error.Message);
    }

    [Fact]
    public async Task AUserWhoseSignInWasBlocked_CannotAddOrRemoveInstallations_FromAPageStillOpen()
    {
        var lynne = await Demo.CallerAsync("user@contoso.com");
        var installation = (await Office.ListAsync(lynne, CancellationToken.None))[0];
        await Database.Services.GetRequiredService<UserService>()
            .SetSignInBlockedAsync(await Demo.CallerAsync("admin@contoso.com"), lynne.UserId, true, CancellationToken.None);

        var add = await Assert.ThrowsAsync<AccessDeniedException>(() => Office.AddAsync(lynne, "PC-9", DevicePlatform.Pc, CancellationToken.None));
        var remove = await Assert.ThrowsAsync<AccessDeniedException>(() => Office.RemoveAsync(lynne, installation.Id, CancellationToken.None));

        Assert.Equal("Your account is deleted or blocked from signing in; nothing was changed.", add.Message);
        Assert.Equal(add.Message, remove.Message);
        var admin = await Demo.CallerAsync("admin@contoso.com");
        await Database.Services.GetRequiredService<UserService>().SetSignInBlockedAsync(admin, lynne.UserId, false, CancellationToken.None);
        Assert.Equal([installation.Id], (await Office.ListAsync(lynne, CancellationToken.None)).Where(i => i.Id == installation.Id).Select(i => i.Id));
        Assert.DoesNotContain(await Office.ListAsync(lynne, CancellationToken.None), i => i.DeviceName == "PC-9");
    }

    [Fact]
    public async Task AnotherUsersInstallation_IsNotFound()
    {
        var lynne = await Demo.CallerAsync("user@contoso.com");
        var admin = await Demo.CallerAsync("admin@contoso.com");
        var installation = (await Office.ListAsync(lynne, CancellationToken.None))[0];

        var error = await Assert.ThrowsAsync<InstallationNotFoundException>(() => Office.RemoveAsync(admin, installation.Id, CancellationToken.None));

        Assert.Equal($"You have no Office installation {installation.Id}.", error.Message);
    }

    [Theory]
    [InlineData("", "An Office installation needs a device name.")]
    [InlineData("   ", "An Office installation needs a device name.")]
    public async Task BadDeviceName_IsRefusedWithTheReason(string name, string message)
    {
        var lynne = await Demo.CallerAsync("user@contoso.com");

        var error = await Assert.ThrowsAsync<DomainException>(() => Office.AddAsync(lynne, name, DevicePlatform.Mac, CancellationToken.None));

        Assert.Equal(message, error.Message);
    }
}
