using LicenseAdmin.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LicenseAdmin.EndToEnd.Tests;

/// <summary>
/// The real portal on a loopback port and one headless Debian Chromium driven by Playwright.
/// Playwright cannot download browsers here, so it is pointed at the system Chromium.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    /// <summary>Open pages and cookies check their account every 2 seconds here, so an ended session shows quickly.</summary>
    public PortalFactory Portal { get; } = new PortalFactory().With("Security:Sessions:ValidationInterval", SessionCheckInterval);

    public const string SessionCheckInterval = "00:00:02";
    public string BaseUrl { get; private set; } = string.Empty;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    public static string ScreenshotFolder
    {
        get
        {
            var folder = Environment.GetEnvironmentVariable("SCREENSHOT_DIR") ?? Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium was not found at {ChromiumPath}. Install it with 'apt-get install -y chromium' (./test.sh does) or set CHROMIUM_PATH.");

        Portal.UseKestrel(0);
        Portal.StartServer();
        BaseUrl = Portal.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::1]", "127.0.0.1");

        Assertions.SetDefaultExpectTimeout(20_000);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A page in a fresh browser context; <paramref name="locale"/> sets the browser's language (its Accept-Language).</summary>
    public async Task<IPage> NewPageAsync(string? locale = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new() { Width = 1366, Height = 900 }, Locale = locale });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the real sign-in page and waits until the interactive portal has connected.</summary>
    public static async Task SignInAsync(IPage page, string upn, string path = "/")
    {
        await page.GotoAsync(path);
        await page.FillAsync("input[name='Input.UserName']", upn);
        await page.FillAsync("input[name='Input.Password']", PortalFactory.Password);
        await page.ClickAsync("#sign-in");
        await Assertions.Expect(page.Locator("#signed-in-as")).ToBeVisibleAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        Portal.Dispose();
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LicenseAdmin.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? Path.GetTempPath();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
