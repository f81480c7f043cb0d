using System.Net.Http.Headers;
using System.Text.Json;
using LicenseAdmin.Domain.Apps;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services;
using LicenseAdmin.Infrastructure.Services.Apps;
using LicenseAdmin.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Web.Tests.GraphApi;

/// <summary>The real app on a test database, with helpers to register apps (through the app service) and get tokens over HTTP.</summary>
public sealed class GraphApiFixture : IDisposable
{
    public PortalFactory Factory { get; } = new();

    public HttpClient Client() => Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task<Caller> GlobalAdminAsync(Guid? tenantId = null, string upn = "admin@contoso.com")
    {
        await using var db = await Factory.Services.GetRequiredService<TenantDbContextFactory>().ForTenantAsync(tenantId ?? DemoDataSeeder.ContosoId, CancellationToken.None);
        var admin = await db.DirectoryUsers.AsNoTracking().SingleAsync(u => u.UserPrincipalName == upn && u.DeletedUtc == null);
        return new Caller(admin.TenantId, admin.Id, admin.UserPrincipalName, admin.Roles);
    }

    /// <summary>Registers an app with the permissions and a secret, as a Global administrator would on the settings page.</summary>
    public async Task<(ApiAppSummary App, string Secret)> RegisterAsync(string name, ApiPermissions permissions, Guid? tenantId = null, string upn = "admin@contoso.com")
    {
        var apps = Factory.Services.GetRequiredService<ApiAppService>();
        var admin = await GlobalAdminAsync(tenantId, upn);
        var app = await apps.RegisterAsync(admin, name, CancellationToken.None);
        await apps.GrantAsync(admin, app.Id, permissions, CancellationToken.None);
        var secret = await apps.AddSecretAsync(admin, app.Id, "tests", 30, CancellationToken.None);
        return (app, secret.Text);
    }

    public async Task<HttpResponseMessage> RequestTokenAsync(string tenant, string clientId, string secret, string scope = "https://graph.microsoft.com/.default") =>
        await Client().PostAsync($"/{tenant}/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = scope,
        }));

    /// <summary>A client carrying a fresh token of a newly registered app with the permissions.</summary>
    public async Task<HttpClient> ClientWithAsync(ApiPermissions permissions, string name = "Script")
    {
        var (app, secret) = await RegisterAsync(name, permissions);
        return await ClientForAsync(app, secret);
    }

    public async Task<HttpClient> ClientForAsync(ApiAppSummary app, string secret, string tenant = "contoso.com")
    {
        var response = await RequestTokenAsync(tenant, app.ClientId.ToString(), secret);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var client = Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("access_token").GetString());
        return client;
    }

    public void Dispose() => Factory.Dispose();
}
