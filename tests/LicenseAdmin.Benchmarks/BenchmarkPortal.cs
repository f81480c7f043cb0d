using LicenseAdmin.Infrastructure.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Benchmarks;

/// <summary>The real portal, in this process on a loopback port (Kestrel), over a benchmark database.</summary>
public sealed class BenchmarkPortal(BenchmarkDatabase database) : WebApplicationFactory<Program>
{
    public const string Password = "Benchmark-password-2026";

    public string BaseUrl { get; private set; } = string.Empty;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // As an operator runs it (the factory's default is Development).
        builder.UseEnvironment("Production");
        foreach (var (key, value) in database.Settings) builder.UseSetting(key, value);
        builder.UseSetting("Demo:Enabled", "false");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        // Every page signs in from one address here.
        builder.UseSetting("Security:SignInRateLimit:PermitLimit", "100000");
        builder.UseSetting("Security:DataProtection:AllowUnprotectedKeys", "true");
        // The API measure calls as fast as 20 clients can; the per-app limit is not what it measures.
        builder.UseSetting("GraphApi:RateLimit:PermitLimit", "10000000");
    }

    public void Start()
    {
        UseKestrel(0);
        // The factory finds the portal's folder through MvcTestingAppManifest.json in the current folder: the build output.
        var folder = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        try
        {
            StartServer();
        }
        finally
        {
            Directory.SetCurrentDirectory(folder);
        }
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::1]", "127.0.0.1");
    }

    /// <summary>A password sign-in for the tenant's admin, made through Identity as the portal makes them.</summary>
    public async Task CreateSignInAsync(SeededTenant tenant)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var account = new ApplicationUser
        {
            UserName = tenant.Admin.Upn,
            Email = tenant.Admin.Upn,
            EmailConfirmed = true,
            TenantId = tenant.TenantId,
            DirectoryUserId = tenant.Admin.UserId,
        };
        var result = await users.CreateAsync(account, Password);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
