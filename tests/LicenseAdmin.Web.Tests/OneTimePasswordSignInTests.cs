using System.Net;
using System.Text;
using LicenseAdmin.Infrastructure.Identity;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services;
using LicenseAdmin.Infrastructure.Services.Users.Import;
using LicenseAdmin.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Web.Tests;

/// <summary>Decision 0026: an imported one-time password signs in, and the sign-in replaces its fast hash with Identity's.</summary>
public sealed class OneTimePasswordSignInTests : IDisposable
{
    private readonly PortalFactory _portal = new PortalFactory().With("Retention:Enabled", "false");

    public void Dispose() => _portal.Dispose();

    private async Task<string> ImportAsync(string upn)
    {
        await using (var db = await _portal.Services.GetRequiredService<TenantDbContextFactory>().ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None))
        {
            var admin = await db.DirectoryUsers.AsNoTracking().SingleAsync(u => u.UserPrincipalName == "admin@contoso.com" && u.DeletedUtc == null);
            var caller = new Caller(admin.TenantId, admin.Id, admin.UserPrincipalName, admin.Roles);
            using var file = new MemoryStream(Encoding.UTF8.GetBytes($"User Name,Display Name,Department,Usage Location\n{upn},Ida Holm,Sales,DK\n"));
            await using var scope = _portal.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<UserImportService>()
                .ApplyAsync(caller, file, new UserImportOptions([]), null, CancellationToken.None);
            return Assert.Single(result.Users).Password!;
        }
    }

    private async Task<string> StoredHashAsync(string upn)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return (await users.Users.AsNoTracking().SingleAsync(a => a.UserName == upn)).PasswordHash!;
    }

    [Fact]
    public async Task AnImportedUser_SignsInWithTheOneTimePassword_AndTheStoredHashBecomesIdentitys()
    {
        var password = await ImportAsync("ida@contoso.com");
        Assert.StartsWith(PortalPasswordHasher.OneTimePrefix, await StoredHashAsync("ida@contoso.com"));

        var signIn = await PortalFactory.SignInAsync(_portal.CreateBrowserLikeClient(), "ida@contoso.com", password);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain("/Account/", signIn.Headers.Location!.OriginalString);
        var upgraded = await StoredHashAsync("ida@contoso.com");
        Assert.False(upgraded.StartsWith('$'));
        Assert.Equal(PasswordVerificationResult.Success,
            new PasswordHasher<ApplicationUser>().VerifyHashedPassword(new ApplicationUser(), upgraded, password));
        var again = await PortalFactory.SignInAsync(_portal.CreateBrowserLikeClient(), "ida@contoso.com", password);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.DoesNotContain("/Account/", again.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AWrongPassword_ForAnImportedUser_IsRefused_AndTheFastHashStays()
    {
        await ImportAsync("ida@contoso.com");

        var signIn = await PortalFactory.SignInAsync(_portal.CreateBrowserLikeClient(), "ida@contoso.com", "not-the-one-time-password");

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("The username or password is incorrect.", await signIn.Content.ReadAsStringAsync());
        Assert.StartsWith(PortalPasswordHasher.OneTimePrefix, await StoredHashAsync("ida@contoso.com"));
    }
}
