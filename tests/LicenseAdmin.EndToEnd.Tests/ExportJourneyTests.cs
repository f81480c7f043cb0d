using System.Globalization;
using CsvHelper;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LicenseAdmin.EndToEnd.Tests;

/// <summary>The Active users export, downloaded by the browser as an administrator would, compared with the grid.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ExportJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task ExportOfAllUsers_DownloadsTheWholeFile_WithEveryUserOfTheGrid()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "admin@contoso.com");
        await page.GotoAsync("/users");
        await Expect(page.Locator("#load-marker")).ToHaveAttributeAsync("data-interactive", "yes");
        await Expect(page.Locator("#load-marker")).Not.ToHaveAttributeAsync("data-loads", "0");
        await Expect(page.Locator("#users-grid tbody tr")).ToHaveCountAsync(50);
        var summary = await page.Locator("#selection-summary").InnerTextAsync();
        var total = int.Parse(summary.Split(' ')[0], CultureInfo.InvariantCulture);
        var firstPage = (await page.Locator("#users-grid tbody tr td:nth-child(3)").AllInnerTextsAsync()).Select(u => u.Trim()).ToList();

        var download = await DownloadAsync(page, () => page.Locator("#export").ClickAsync());

        // A download cut off after its last row ends as a failed download in the browser.
        Assert.Null(await download.FailureAsync());
        Assert.Equal("active-users.csv", download.SuggestedFilename);
        var rows = ReadCsv(await File.ReadAllTextAsync(await download.PathAsync()));
        Assert.Equal("Username", rows[0][1]);
        Assert.Equal(total, rows.Count - 1);
        var exported = rows.Skip(1).Select(r => r[1]).ToHashSet();
        Assert.All(firstPage, upn => Assert.Contains(upn, exported));
    }

    /// <summary>The export opens in a new tab, so the download may belong to the page or to the tab it opens.</summary>
    private static async Task<IDownload> DownloadAsync(IPage page, Func<Task> click)
    {
        var downloaded = new TaskCompletionSource<IDownload>(TaskCreationOptions.RunContinuationsAsynchronously);
        page.Download += (_, download) => downloaded.TrySetResult(download);
        page.Context.Page += (_, tab) => tab.Download += (_, download) => downloaded.TrySetResult(download);
        await click();
        return await downloaded.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    private static List<string[]> ReadCsv(string text)
    {
        using var reader = new CsvReader(new StringReader(text), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (reader.Read()) rows.Add(reader.Parser.Record!);
        return rows;
    }
}
