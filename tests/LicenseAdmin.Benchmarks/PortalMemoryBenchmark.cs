using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LicenseAdmin.Benchmarks;

/// <summary>
/// Server memory per open Active users page: the real portal in this process, 20 Active users pages open at once in
/// headless Chromium (each page its own Blazor circuit), full garbage collections before and after, and the managed heap
/// growth divided by the pages. One page is opened and loaded first and stays open, so what is counted is each further
/// page and not the first page's JIT, caches and compiled queries.
/// </summary>
public sealed class PortalMemoryBenchmark(BenchmarkDatabase template, SeededTenant tenant, Report report)
{
    public const int Pages = 20;
    private const double GoalMegabytes = 2;

    private static readonly string[] ChromiumArgs = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"];

    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    public async Task RunAsync()
    {
        await using var copy = template.Copy();
        // The seeded tenant requires MFA of its admins (the default); the benchmark's admin signs in with a password only.
        using (var connection = copy.OpenConnection())
            Sql.Execute(connection, null, "UPDATE \"Tenants\" SET \"RequireMfaForAdmins\" = @off", ("@off", false));

        await using var portal = new BenchmarkPortal(copy);
        portal.Start();
        await portal.CreateSignInAsync(tenant);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal.BaseUrl,
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        });
        context.SetDefaultTimeout(60_000);
        SetDefaultExpectTimeout(60_000);

        var first = await context.NewPageAsync();
        await first.GotoAsync("/users");
        await first.FillAsync("input[name='Input.UserName']", tenant.Admin.Upn);
        await first.FillAsync("input[name='Input.Password']", BenchmarkPortal.Password);
        await first.ClickAsync("#sign-in");
        await Expect(first.Locator("#signed-in-as")).ToBeVisibleAsync();
        var rows = new List<int> { await OpenActiveUsersAsync(first) };

        var before = HeapAfterFullCollection();
        var pages = new List<IPage>();
        for (var i = 0; i < Pages; i++)
        {
            var page = await context.NewPageAsync();
            rows.Add(await OpenActiveUsersAsync(page));
            pages.Add(page);
        }
        var after = HeapAfterFullCollection();
        var perPage = (after - before) / (double)Pages / 1048576.0;
        Console.WriteLine($"Portal memory: heap {before / 1048576.0:F1} MB with one page open, {after / 1048576.0:F1} MB with {Pages + 1}: {perPage:F2} MB per page");

        report.Add($"7 memory per open Active users page, MB ({Pages} pages)", new Sample(perPage, perPage, Pages),
            note: $"managed heap after full GCs {before / 1048576.0:F1} -> {after / 1048576.0:F1} MB; goal <= {GoalMegabytes} MB; value column in MB");
        report.Check("portal pages: every Active users page showed its first 50 users", rows.All(r => r == GridBenchmark.PageSize),
            $"{rows.Count} pages, rows {string.Join(",", rows.Distinct())}");
        await HoldForSnapshotAsync();
        foreach (var page in pages) await page.CloseAsync();
    }

    /// <summary>
    /// With <c>LICENSEADMIN_BENCH_HOLD_SECONDS=N</c> the pages stay open N seconds after the measure, so that a heap
    /// snapshot of this process can be taken with all of them open (<c>dotnet-gcdump collect -p PID</c>).
    /// </summary>
    private static async Task HoldForSnapshotAsync()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("LICENSEADMIN_BENCH_HOLD_SECONDS"), out var seconds) || seconds <= 0) return;
        Console.WriteLine($"Holding the pages open for {seconds} s: process id {Environment.ProcessId}");
        await Task.Delay(TimeSpan.FromSeconds(seconds));
    }

    /// <summary>Opens Active users and waits until the interactive grid has loaded and shows its rows; returns the rows shown.</summary>
    private static async Task<int> OpenActiveUsersAsync(IPage page)
    {
        await page.GotoAsync("/users");
        await Expect(page.Locator("#load-marker")).ToHaveAttributeAsync("data-interactive", "yes");
        await Expect(page.Locator("#load-marker")).Not.ToHaveAttributeAsync("data-loads", "0");
        await Expect(page.Locator("#users-grid tbody tr")).ToHaveCountAsync(GridBenchmark.PageSize);
        return await page.Locator("#users-grid tbody tr").CountAsync();
    }

    private static long HeapAfterFullCollection()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
