using System.Globalization;
using System.Security.Claims;
using Bunit;
using LicenseAdmin.Infrastructure.Identity;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services.Dashboard;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Web.Authorization;
using LicenseAdmin.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Web.Tests.Components;

/// <summary>
/// bUnit with MudBlazor and the portal's real services over a real demo database (a fresh PortalFactory per test),
/// signed in as a demo account through bUnit's authorization fake carrying LicenseAdmin's claims.
/// </summary>
public abstract class PortalComponentTestBase : ComponentTestBase
{
    protected PortalFactory Portal { get; } = new();
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var type in new[]
                 {
                     typeof(LicenseService), typeof(LicenseCatalogService), typeof(UserDirectoryService), typeof(UserDetailsService),
                     typeof(UserService), typeof(DashboardService), typeof(TimeProvider), typeof(Infrastructure.Services.Groups.GroupService),
                     typeof(Infrastructure.Services.Mfa.SecuritySettingsService), typeof(Infrastructure.Services.Mfa.MfaEnrolmentCheck),
                     typeof(Infrastructure.Services.Spend.IdleSpendService),
                 })
        {
            var shared = type;
            Context.Services.AddSingleton(shared, _ => Portal.Services.CreateScope().ServiceProvider.GetRequiredService(shared));
        }
        Context.Services.AddScoped<CurrentCaller>();
    }

    /// <summary>Signs the component context in as a demo account, with the claims the real sign-in issues.</summary>
    protected async Task SignInAsAsync(string upn)
    {
        await using var db = await Portal.Services.GetRequiredService<TenantDbContextFactory>().ForSystemAsync(CancellationToken.None);
        var user = await db.DirectoryUsers.IgnoreQueryFilters().SingleAsync(u => u.UserPrincipalName == upn);
        var auth = Context.AddAuthorization();
        auth.SetAuthorized(upn);
        auth.SetClaims(
            new Claim(LicenseAdminClaims.TenantId, user.TenantId.ToString()),
            new Claim(LicenseAdminClaims.DirectoryUserId, user.Id.ToString()),
            new Claim(LicenseAdminClaims.AdminRoles, ((int)user.Roles).ToString(CultureInfo.InvariantCulture)),
            new Claim(LicenseAdminClaims.DisplayName, user.DisplayName));
    }

    protected async Task<Guid> UnlicensedPersonAsync(int skip = 0)
    {
        await using var db = await Portal.Services.GetRequiredService<TenantDbContextFactory>().ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        return await db.DirectoryUsers
            .Where(u => u.DeletedUtc == null && u.UsageLocation != null && u.Roles == 0 && u.Kind == Domain.Users.UserKind.User)
            .Where(u => !db.LicenseAssignments.Any(a => a.UserId == u.Id))
            .OrderBy(u => u.UserPrincipalName).Skip(skip).Select(u => u.Id).FirstAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Portal.Dispose();
    }
}
