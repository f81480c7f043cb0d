using LicenseAdmin.Infrastructure;
using LicenseAdmin.Infrastructure.Identity;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Retention;
using LicenseAdmin.Web.Exports;
using LicenseAdmin.Web.Authorization;
using LicenseAdmin.Web.Components;
using LicenseAdmin.Web.Components.Account;
using LicenseAdmin.Web.GraphApi;
using LicenseAdmin.Web.Localization;
using LicenseAdmin.Web.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Serilog;

namespace LicenseAdmin.Web;

/// <summary>Builds the portal: services, Identity, the Blazor UI and the pipeline.</summary>
public static class PortalHost
{
    public static WebApplication Build(string[] args)
    {
        // The application name is fixed so static web assets resolve also when a test host builds the portal.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(PortalHost).Assembly.GetName().Name,
        });
        // Static web assets (MudBlazor's CSS/JS) are served from the build output in every environment.
        builder.WebHost.UseStaticWebAssets();

        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext());

        builder.Services.AddLicenseAdminInfrastructure(builder.Configuration);
        (builder.Configuration.GetSection(DemoOptions.Section).Get<DemoOptions>() ?? new DemoOptions())
            .EnsureSafeFor(builder.Environment.IsDevelopment(), builder.Environment.EnvironmentName);
        var keysEncrypted = builder.Services.AddKeyEncryption(builder.Configuration, builder.Environment);
        // Migrates and seeds before the server accepts requests, also under WebApplicationFactory. Registered
        // first so it runs before other hosted services (Data Protection reads its keys from the database).
        builder.Services.AddHostedService<DatabaseStartup>();

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        builder.Services.Configure<RequestLocalizationOptions>(PortalCultures.Configure);
        builder.Services.AddMudServices();
        builder.Services.AddPortalTranslations();

        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<IdentityRedirectManager>();
        builder.Services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        builder.Services.AddScoped<CurrentCaller>();
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        // The Graph-compatible API's bearer tokens: a scheme of its own, used only by the /v1.0 policies.
        new Microsoft.AspNetCore.Authentication.AuthenticationBuilder(builder.Services).AddGraphBearer();
        builder.Services.AddAuthorization(options =>
        {
            options.AddPermissionPolicies();
            options.AddGraphPolicies();
        });
        builder.Services.Configure<GraphApiOptions>(builder.Configuration.GetSection(GraphApiOptions.Section));
        builder.Services.AddSingleton<GraphTokenIssuer>();
        builder.Services.AddMemoryCache();
        builder.Services.AddGraphRateLimiting(builder.Configuration);
        builder.Services.AddGraphBatch();
        builder.Services.AddApiDocument();
        // Identity's error sentences in the reader's language (registered last, so the user manager gets this one).
        builder.Services.AddLicenseAdminIdentity().AddErrorDescriber<LocalizedIdentityErrorDescriber>();
        builder.Services.AddSignInRateLimit(builder.Configuration);
        builder.Services.AddPortalCookiesAndProxies(builder.Configuration, builder.Environment);
        builder.Services.AddPortalMfa(builder.Configuration, builder.Environment);

        builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");

        // Registered after DatabaseStartup (above): hosted services start in order, so the first purge and the first seat
        // counter check see a migrated database.
        builder.Services.AddHostedService<RetentionPurgeService>();
        builder.Services.AddHostedService<Infrastructure.Services.Seats.SeatCounterCheckService>();
        builder.Services.AddHostedService<Infrastructure.Groups.GroupLicensingService>();

        var app = builder.Build();
        if (!keysEncrypted) app.Logger.LogWarning(KeyEncryptionSetup.UnprotectedWarning);
        app.Lifetime.ApplicationStarted.Register(() => PrintWelcome(app));
        ConfigurePipeline(app);
        return app;
    }

    private static void ConfigurePipeline(WebApplication app)
    {
        app.UseConfiguredForwardedHeaders(app.Configuration);
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseBadRequestStatus();
        app.UseSerilogRequestLogging();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        // Authentication runs first (added by the host), so a signed-in user's saved language is known here.
        app.UseRequestLocalization();
        app.UseAntiforgery();
        // After authorization (added first by the host), so the limiter sees the app of a validated token.
        app.UseRateLimiter();

        app.MapStaticAssets();
        app.MapHealthChecks("/health");
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAdditionalIdentityEndpoints();
        app.MapExportEndpoints();
        app.MapCultureEndpoints();
        app.MapGraphTokenEndpoints();
        app.MapGraphEndpoints();
        app.MapBulkLicenseEndpoints();
        app.MapUserImportEndpoints();
        app.MapApiDocument();
    }

    private static void PrintWelcome(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var demo = app.Services.GetRequiredService<IOptions<DemoOptions>>().Value;
        Log.Information("LicenseAdmin is ready. Open {Urls}", string.Join(", ", addresses));
        if (!demo.Enabled) return;
        var password = demo.Password == DemoOptions.DefaultPassword ? demo.Password : "(the one set in Demo:Password)";
        foreach (var account in DemoAccounts.All)
            Log.Information("Demo sign-in: {Upn} ({Role}), password {Password}", account.Upn, Domain.Administration.AdminRolesExtensions.DisplayName(account.Roles), password);
    }
}
