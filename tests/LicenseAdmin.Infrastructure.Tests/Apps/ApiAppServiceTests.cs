using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Apps;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services;
using LicenseAdmin.Infrastructure.Services.Apps;
using LicenseAdmin.Infrastructure.Services.Security;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests.Apps;

public sealed class ApiAppServiceTests : DemoDatabaseTest
{
    private ApiAppService Apps => Database.Services.GetRequiredService<ApiAppService>();
    private ApiAppSignIn SignIn => Database.Services.GetRequiredService<ApiAppSignIn>();

    [Fact]
    public async Task Register_ByAGlobalAdmin_ListsTheApp_AndAuditsIt()
    {
        var admin = await Database.CallerAsync(Support.Demo.GlobalAdmin);

        var app = await Apps.RegisterAsync(admin, "  Licensing script ", CancellationToken.None);

        var listed = Assert.Single(await Apps.ListAsync(admin, CancellationToken.None));
        Assert.Equal(app.Id, listed.Id);
        Assert.Equal("Licensing script", listed.DisplayName);
        Assert.NotEqual(Guid.Empty, listed.ClientId);
        Assert.Equal(ApiPermissions.None, listed.Permissions);
        var entry = Assert.Single(await Database.AuditAsync(AuditAction.AddApplication));
        Assert.Equal((Support.Demo.GlobalAdmin, "Licensing script", AuditOutcome.Succeeded), (entry.ActorUpn, entry.Target, entry.Outcome));
    }

    [Theory]
    [InlineData("billing@contoso.com", "Billing administrator")]
    [InlineData("useradmin@contoso.com", "User administrator")]
    [InlineData("licenseadmin@contoso.com", "License administrator")]
    [InlineData("user@contoso.com", "User (no admin role)")]
    public async Task EveryRoleButGlobalAdmin_IsRefusedByTheService_AndTheRefusalIsAudited(string upn, string role)
    {
        var caller = await Database.CallerAsync(upn);

        var register = await Assert.ThrowsAsync<AccessDeniedException>(() => Apps.RegisterAsync(caller, "Sneaky", CancellationToken.None));
        var list = await Assert.ThrowsAsync<AccessDeniedException>(() => Apps.ListAsync(caller, CancellationToken.None));

        Assert.Equal($"Your role ({role}) does not allow managing API apps.", register.Message);
        Assert.Equal(register.Message, list.Message);
        var entry = Assert.Single(await Database.AuditAsync(AuditAction.AddApplication));
        Assert.Equal((upn, AuditOutcome.Refused, register.Message), (entry.ActorUpn, entry.Outcome, entry.Detail));
        await using var db = await Database.Contexts.ForSystemAsync(CancellationToken.None);
        Assert.Equal(0, await db.ApiApps.IgnoreQueryFilters().CountAsync());
    }

    [Fact]
    public async Task AddSecret_ShowsTheTextOnce_KeepsOnlyItsHash_AndTheSecretSignsIn()
    {
        var admin = await Database.CallerAsync(Support.Demo.GlobalAdmin);
        var app = await Apps.RegisterAsync(admin, "Script", CancellationToken.None);
        await Apps.GrantAsync(admin, app.Id, ApiPermissions.UserReadAll | ApiPermissions.LicenseAssignmentReadWriteAll, CancellationToken.None);

        var secret = await Apps.AddSecretAsync(admin, app.Id, "CI", 90, CancellationToken.None);

        Assert.Equal(40, secret.Text.Length);
        Assert.Equal(TestDatabase.Start.UtcDateTime.AddDays(90), secret.ExpiresUtc);
        await using (var db = await Database.Contexts.ForSystemAsync(CancellationToken.None))
        {
            var stored = await db.ApiAppSecrets.IgnoreQueryFilters().SingleAsync();
            Assert.DoesNotContain(secret.Text, stored.Hash + stored.Description + stored.Hint, StringComparison.Ordinal);
            Assert.Equal(secret.Text[..3], stored.Hint);
        }
        var signedIn = await SignIn.SignInAsync("contoso.com", app.ClientId.ToString(), secret.Text, CancellationToken.None);
        Assert.Equal((DemoDataSeeder.ContosoId, app.Id, ApiPermissions.UserReadAll | ApiPermissions.LicenseAssignmentReadWriteAll),
            (signedIn.TenantId, signedIn.AppId, signedIn.Permissions));
        Assert.Equal(TestDatabase.Start.UtcDateTime, (await Apps.ListAsync(admin, CancellationToken.None)).Single().LastUsedUtc);
        var audit = Assert.Single(await Database.AuditAsync(AuditAction.AddClientSecret));
        Assert.DoesNotContain(secret.Text, audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WithAWrongRevokedOrExpiredSecret_IsRefused_WithTheEntraMessage()
    {
        var admin = await Database.CallerAsync(Support.Demo.GlobalAdmin);
        var app = await Apps.RegisterAsync(admin, "Script", CancellationToken.None);
        var revoked = await Apps.AddSecretAsync(admin, app.Id, "old", 30, CancellationToken.None);
        var shortLived = await Apps.AddSecretAsync(admin, app.Id, "short", 1, CancellationToken.None);
        await Apps.RevokeSecretAsync(admin, app.Id, revoked.Id, CancellationToken.None);
        Database.Clock.Advance(TimeSpan.FromDays(2));
        var clientId = app.ClientId.ToString();

        var wrong = await Assert.ThrowsAsync<AppSignInRefusedException>(() => SignIn.SignInAsync("contoso.com", clientId, "not-the-secret", CancellationToken.None));
        var revokedError = await Assert.ThrowsAsync<AppSignInRefusedException>(() => SignIn.SignInAsync("contoso.com", clientId, revoked.Text, CancellationToken.None));
        var expired = await Assert.ThrowsAsync<AppSignInRefusedException>(() => SignIn.SignInAsync("contoso.com", clientId, shortLived.Text, CancellationToken.None));

        Assert.Equal(("invalid_client", 7000215), (wrong.Error, wrong.ErrorCode));
        Assert.Equal(wrong.Message, revokedError.Message);
        Assert.StartsWith("Invalid client secret provided.", wrong.Message, StringComparison.Ordinal);
        Assert.Equal(("invalid_client", 7000222), (expired.Error, expired.ErrorCode));
        Assert.Equal($"The provided client secret keys for app '{clientId}' are expired. Create a new client secret for the app.", expired.Message);
    }

    [Fact]
    public async Task SignIn_AtAnotherTenant_DoesNotFindTheApp()
    {
        var admin = await Database.CallerAsync(Support.Demo.GlobalAdmin);
        var app = await Apps.RegisterAsync(admin, "Script", CancellationToken.None);
        var secret = await Apps.AddSecretAsync(admin, app.Id, "s", 30, CancellationToken.None);

        var error = await Assert.ThrowsAsync<AppSignInRefusedException>(() => SignIn.SignInAsync("fabrikam.com", app.ClientId.ToString(), secret.Text, CancellationToken.None));
        var unknownTenant = await Assert.ThrowsAsync<AppSignInRefusedException>(() => SignIn.SignInAsync("nowhere.example", app.ClientId.ToString(), secret.Text, CancellationToken.None));

        Assert.Equal($"Application with identifier '{app.ClientId}' was not found in the directory 'fabrikam.com'.", error.Message);
        Assert.Equal("Tenant 'nowhere.example' not found.", unknownTenant.Message);
    }

    [Fact]
    public async Task ADisabledOrDeletedApp_CannotSignIn_NorActAsACaller()
    {
        var admin = await Database.CallerAsync(Support.Demo.GlobalAdmin);
        var app = await Apps.RegisterAsync(admin, "Script", CancellationToken.None);
        await Apps.GrantAsync(admin, app.Id, ApiPermissions.UserReadAll, CancellationToken.None);
        var secret = await Apps.AddSecretAsync(admin, app.Id, "s", 30, CancellationToken.None);
        var asApp = Caller.ForApp(DemoDataSeeder.ContosoId, app.Id, app.DisplayName);
        var directory = Database.Services.GetRequiredService<UserDirectoryService>();
        Assert.True(await SignIn.IsActiveAsync(DemoDataSeeder.ContosoId, app.Id, CancellationToken.None));

        await Apps.SetDisabledAsync(admin, app.Id, true, CancellationToken.None);

        var disabled = await Assert.ThrowsAsync<AppSignInRefusedException>(() => SignIn.SignInAsync("contoso.com", app.ClientId.ToString(), secret.Text, CancellationToken.None));
        Assert.Equal($"Application '{app.ClientId}' (Script) is disabled.", disabled.Message);
        Assert.False(await SignIn.IsActiveAsync(DemoDataSeeder.ContosoId, app.Id, CancellationToken.None));
        Assert.Equal("This app is disabled or deleted; nothing was changed.",
            (await Assert.ThrowsAsync<AccessDeniedException>(() => directory.PageAsync(asApp, UserFilter.All, new UserSort(), 0, 10, CancellationToken.None))).Message);

        await Apps.SetDisabledAsync(admin, app.Id, false, CancellationToken.None);
        Assert.True(await SignIn.IsActiveAsync(DemoDataSeeder.ContosoId, app.Id, CancellationToken.None));
        await Apps.DeleteAsync(admin, app.Id, CancellationToken.None);

        Assert.False(await SignIn.IsActiveAsync(DemoDataSeeder.ContosoId, app.Id, CancellationToken.None));
        Assert.Empty(await Apps.ListAsync(admin, CancellationToken.None));
        Assert.Equal("Script is deleted and cannot be changed.",
            (await Assert.ThrowsAsync<ApiAppRefusedException>(() => Apps.SetDisabledAsync(admin, app.Id, false, CancellationToken.None))).Message);
    }

    [Fact]
    public async Task AnApp_ActsWithTheServicePermissionsItsGraphPermissionsGrant_AndIsAuditedAsItself()
    {
        var admin = await Database.CallerAsync(Support.Demo.GlobalAdmin);
        var app = await Apps.RegisterAsync(admin, "Auditor", CancellationToken.None);
        await Apps.GrantAsync(admin, app.Id, ApiPermissions.UserReadAll, CancellationToken.None);
        var asApp = Caller.ForApp(DemoDataSeeder.ContosoId, app.Id, app.DisplayName);
        var users = Database.Services.GetRequiredService<UserService>();
        var someone = (await Database.UnlicensedAsync())[0];

        Assert.True((await Database.Services.GetRequiredService<UserDirectoryService>().PageAsync(asApp, UserFilter.All, new UserSort(), 0, 10, CancellationToken.None)).Total > 0);
        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => users.DeleteAsync(asApp, UserSelection.Of([someone]), CancellationToken.None));

        Assert.Equal("Your role (User (no admin role)) does not allow deleting or restoring users.", refused.Message);
        var entry = Assert.Single(await Database.AuditAsync(AuditAction.DeleteUser));
        Assert.Equal(("Auditor", $"App {app.ClientId}", AuditOutcome.Refused), (entry.ActorUpn, entry.ActorRole, entry.Outcome));
    }

    [Fact]
    public async Task AddSecret_WithALifetimeOutOfRange_IsRefused_AndAddsNothing()
    {
        var admin = await Database.CallerAsync(Support.Demo.GlobalAdmin);
        var app = await Apps.RegisterAsync(admin, "Script", CancellationToken.None);

        var error = await Assert.ThrowsAsync<ApiAppRefusedException>(() => Apps.AddSecretAsync(admin, app.Id, "forever", 731, CancellationToken.None));
        var emptyName = await Assert.ThrowsAsync<ApiAppRefusedException>(() => Apps.RegisterAsync(admin, "  ", CancellationToken.None));

        Assert.Equal("A client secret must expire after 1 to 730 days.", error.Message);
        Assert.Equal("Enter a name for the app.", emptyName.Message);
        Assert.Empty((await Apps.ListAsync(admin, CancellationToken.None)).Single().Secrets);
    }
}
