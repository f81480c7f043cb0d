using System.Text.Json;
using LicenseAdmin.Domain.Apps;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services;
using LicenseAdmin.Infrastructure.Services.Apps;
using LicenseAdmin.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;

namespace LicenseAdmin.Api.Tests;

/// <summary>
/// The real portal on a loopback port (Kestrel, plain HTTP) and the official Microsoft Graph SDK pointed at it: an app
/// registered as a Global administrator would, a token fetched over HTTP from our token endpoint, and the SDK's own
/// HTTP pipeline with a bearer provider that allows our host.
/// </summary>
public sealed class GraphSdkHost : IAsyncLifetime
{
    public PortalFactory Portal { get; } = new();
    public string BaseUrl { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Portal.UseKestrel(0);
        Portal.StartServer();
        BaseUrl = Portal.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::1]", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/');
        await Task.CompletedTask;
    }

    /// <summary>A Graph SDK client acting as a newly registered app of Contoso with the permissions.</summary>
    public async Task<GraphServiceClient> GraphAsync(ApiPermissions permissions, string name = "SDK script")
    {
        var (clientId, secret) = await RegisterAppAsync(permissions, name);

        using var http = new HttpClient();
        var response = await http.PostAsync($"{BaseUrl}/contoso.com/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret,
            ["scope"] = "https://graph.microsoft.com/.default",
        }));
        response.EnsureSuccessStatusCode();
        using var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var provider = new StaticTokenProvider(token.RootElement.GetProperty("access_token").GetString()!, new Uri(BaseUrl).Host);
        return new GraphServiceClient(GraphClientFactory.Create(), new BaseBearerTokenAuthenticationProvider(provider), $"{BaseUrl}/v1.0");
    }

    /// <summary>Registers an app of Contoso with the permissions, as a Global administrator would: its client id and a secret.</summary>
    public async Task<(string ClientId, string Secret)> RegisterAppAsync(ApiPermissions permissions, string name)
    {
        var apps = Portal.Services.GetRequiredService<ApiAppService>();
        var admin = await CallerAsync("admin@contoso.com");
        var app = await apps.RegisterAsync(admin, name, CancellationToken.None);
        await apps.GrantAsync(admin, app.Id, permissions, CancellationToken.None);
        var secret = await apps.AddSecretAsync(admin, app.Id, "sdk tests", 30, CancellationToken.None);
        return (app.ClientId.ToString(), secret.Text);
    }

    public async Task<AppDbContext> ContosoAsync() =>
        await Portal.Services.GetRequiredService<TenantDbContextFactory>().ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);

    /// <summary>Ordinary, licensable users of Contoso without a license, in user principal name order.</summary>
    public async Task<List<Guid>> UnlicensedUsersAsync()
    {
        await using var db = await ContosoAsync();
        return await db.DirectoryUsers
            .Where(u => u.DeletedUtc == null && u.Roles == Domain.Administration.AdminRoles.None && u.UsageLocation != null && u.Kind == UserKind.User)
            .Where(u => !db.LicenseAssignments.Any(a => a.UserId == u.Id))
            .OrderBy(u => u.UserPrincipalName).Select(u => u.Id).ToListAsync();
    }

    private async Task<Caller> CallerAsync(string upn)
    {
        await using var db = await ContosoAsync();
        var admin = await db.DirectoryUsers.AsNoTracking().SingleAsync(u => u.UserPrincipalName == upn && u.DeletedUtc == null);
        return new Caller(admin.TenantId, admin.Id, admin.UserPrincipalName, admin.Roles);
    }

    public Task DisposeAsync()
    {
        Portal.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The token fetched from our endpoint, given to the SDK only for our host (as Azure.Identity does for Graph's).</summary>
    private sealed class StaticTokenProvider(string token, string host) : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new([host]);

        public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null,
            CancellationToken cancellationToken = default) =>
            Task.FromResult(AllowedHostsValidator.IsUrlHostValid(uri) ? token : string.Empty);
    }
}
