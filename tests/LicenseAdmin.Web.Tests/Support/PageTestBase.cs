using System.Security.Claims;
using Bunit;
using LicenseAdmin.Infrastructure.Identity;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services;
using LicenseAdmin.Infrastructure.Services.Account;
using LicenseAdmin.Infrastructure.Services.Auditing;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Office;
using LicenseAdmin.Web.Authorization;
using LicenseAdmin.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace LicenseAdmin.Web.Tests.Support;

/// <summary>
/// bUnit with MudBlazor, rendering pages over the real services of a seeded portal database.
/// The context is disposed asynchronously: MudBlazor registers a service that only supports async disposal.
/// </summary>
public abstract class PageTestBase(PortalFixture portal) : IAsyncLifetime
{
    static PageTestBase() => BunitContext.DefaultWaitTimeout = Components.ComponentTestBase.WaitTimeout;

    protected BunitContext Bunit { get; } = new();

    /// <summary>The portal's own services, for arranging data as another user would.</summary>
    protected IServiceProvider App => portal.Factory.Services;

    public Task InitializeAsync()
    {
        Bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        Bunit.Services.AddMudServices();
        Bunit.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        Bunit.Services.AddPortalTranslations();
        Bunit.Services.AddTransient(_ => App.GetRequiredService<MyAccountService>());
        Bunit.Services.AddTransient(_ => App.GetRequiredService<OfficeInstallationService>());
        Bunit.Services.AddTransient(_ => App.GetRequiredService<AuditLogService>());
        Bunit.Services.AddScoped<CurrentCaller>();
        return Task.CompletedTask;
    }

    /// <summary>Renders as the portal does once the circuit is up (global interactive server mode). Register services first.</summary>
    protected IRenderedComponent<TComponent> Render<TComponent>() where TComponent : IComponent
    {
        Bunit.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Bunit.Render<TComponent>();
    }

    /// <summary>Makes the rendered pages run as this demo account, with the claims a real sign-in carries.</summary>
    protected async Task<Caller> SignInAsAsync(string upn)
    {
        var caller = await CallerAsync(upn);
        var authorization = Bunit.AddAuthorization();
        authorization.SetAuthorized(upn);
        authorization.SetClaims(
            new Claim(LicenseAdminClaims.TenantId, caller.TenantId.ToString()),
            new Claim(LicenseAdminClaims.DirectoryUserId, caller.UserId.ToString()),
            new Claim(LicenseAdminClaims.AdminRoles, ((int)caller.Roles).ToString()));
        return caller;
    }

    protected async Task<Caller> CallerAsync(string upn)
    {
        await using var db = await App.GetRequiredService<TenantDbContextFactory>().ForSystemAsync(CancellationToken.None);
        var user = await db.DirectoryUsers.IgnoreQueryFilters().SingleAsync(u => u.UserPrincipalName == upn);
        return new Caller(user.TenantId, user.Id, user.UserPrincipalName, user.Roles);
    }

    /// <summary>A Contoso user without admin roles whose only license is the given product (by part number).</summary>
    protected async Task<string> StaffHoldingOnlyAsync(string partNumber, int skip = 0)
    {
        await using var db = await App.GetRequiredService<TenantDbContextFactory>().ForSystemAsync(CancellationToken.None);
        var productId = await db.Products.Where(p => p.PartNumber == partNumber).Select(p => p.Id).SingleAsync();
        return await db.DirectoryUsers.IgnoreQueryFilters()
            .Where(u => u.Roles == 0 && u.DeletedUtc == null && u.UserPrincipalName != "user@contoso.com" && u.UserPrincipalName.EndsWith("@contoso.com"))
            .Where(u => db.LicenseAssignments.IgnoreQueryFilters().Count(a => a.UserId == u.Id) == 1)
            .Where(u => db.LicenseAssignments.IgnoreQueryFilters().Any(a => a.UserId == u.Id && a.ProductId == productId))
            .OrderBy(u => u.UserPrincipalName)
            .Select(u => u.UserPrincipalName)
            .Skip(skip)
            .FirstAsync();
    }

    protected async Task<Guid> ProductIdAsync(string partNumber)
    {
        await using var db = await App.GetRequiredService<TenantDbContextFactory>().ForSystemAsync(CancellationToken.None);
        return await db.Products.Where(p => p.PartNumber == partNumber).Select(p => p.Id).SingleAsync();
    }

    protected LicenseService Licenses => App.GetRequiredService<LicenseService>();
    protected OfficeInstallationService Office => App.GetRequiredService<OfficeInstallationService>();

    public async Task DisposeAsync() => await Bunit.DisposeAsync();
}
