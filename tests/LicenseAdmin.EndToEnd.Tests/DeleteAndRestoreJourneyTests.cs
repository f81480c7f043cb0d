using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LicenseAdmin.EndToEnd.Tests;

/// <summary>Deleting users from Active users and restoring them from Deleted users, as an administrator clicks it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DeleteAndRestoreJourneyTests(BrowserFixture browser)
{
    private readonly JourneyUsers _users = new(browser);

    private async Task<IPage> OpenAsync(string upn, string path, string grid)
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, upn);
        await page.GotoAsync(path);
        await Expect(page.Locator("#load-marker")).ToHaveAttributeAsync("data-interactive", "yes");
        await Expect(page.Locator("#load-marker")).Not.ToHaveAttributeAsync("data-loads", "0");
        await Expect(page.Locator($"#{grid} tbody tr").First).ToBeVisibleAsync();
        return page;
    }

    private static async Task SearchAsync(IPage page, string grid, string text, int expectedRows)
    {
        var loads = await page.Locator("#load-marker").GetAttributeAsync("data-loads");
        await page.Locator("input#search").FillAsync(text);
        await Expect(page.Locator("#load-marker")).Not.ToHaveAttributeAsync("data-loads", loads!);
        await Expect(page.Locator($"#{grid} tbody tr")).ToHaveCountAsync(expectedRows);
    }

    private static async Task SelectAllRowsAsync(IPage page, string grid, int count)
    {
        for (var i = 0; i < count; i++)
            await page.Locator($"#{grid} tbody tr").Nth(i).Locator("input[type=checkbox]").CheckAsync();
        await Expect(page.Locator("#selection-summary")).ToHaveTextAsync($"{count} selected");
    }

    private static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, name), FullPage = true });

    private async Task DeleteThroughActiveUsersAsync(string tag, int count, string screenshot)
    {
        var page = await OpenAsync("admin@contoso.com", "/users", "users-grid");
        await SearchAsync(page, "users-grid", $"zz {tag}", count);
        await Expect(page.Locator("#delete-users")).ToBeDisabledAsync();
        await SelectAllRowsAsync(page, "users-grid", count);

        await page.Locator("#delete-users").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog.Locator("#removal-warning")).ToContainTextAsync("30 days");
        await Expect(dialog).ToContainTextAsync(count == 1 ? "Delete 1 user?" : $"Delete {count} users?");
        await ScreenshotAsync(page, screenshot + "-confirm.png");
        var loads = await page.Locator("#load-marker").GetAttributeAsync("data-loads");
        await dialog.Locator("#confirm-delete").ClickAsync();

        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.Locator("#load-marker")).Not.ToHaveAttributeAsync("data-loads", loads!);
        await Expect(page.Locator("#users-grid")).ToContainTextAsync("No users in this view.");
        await ScreenshotAsync(page, screenshot + "-done.png");

        await page.GotoAsync("/users/deleted");
        await Expect(page.Locator("#load-marker")).ToHaveAttributeAsync("data-interactive", "yes");
        await SearchAsync(page, "deleted-grid", $"zz {tag}", count);
        for (var n = 1; n <= count; n++)
            await Expect(page.Locator("#deleted-grid tbody tr", new() { HasText = $"zz.{tag}.{n}@contoso.com" }).Locator("[data-days-left]")).ToHaveTextAsync("30");
        await ScreenshotAsync(page, screenshot + "-deleted-users.png");
    }

    [Fact]
    public async Task DeleteOneUser_LeavesActiveUsers_AndIsListedOnDeletedUsers()
    {
        var tag = JourneyUsers.NewTag();
        var ids = await _users.CreateAsync(tag, 1);

        await DeleteThroughActiveUsersAsync(tag, 1, "delete-one-user");

        Assert.Equal([true], await _users.AreDeletedAsync(ids));
    }

    [Fact]
    public async Task DeleteSeveralUsers_LeavesActiveUsers_AndAllAreListedOnDeletedUsers()
    {
        var tag = JourneyUsers.NewTag();
        var ids = await _users.CreateAsync(tag, 3);

        await DeleteThroughActiveUsersAsync(tag, 3, "delete-several-users");

        Assert.Equal([true, true, true], await _users.AreDeletedAsync(ids));
    }

    [Fact]
    public async Task RestoreADeletedUser_ShowsTheUserRestoredWithTheirLicense()
    {
        var tag = JourneyUsers.NewTag();
        var ids = await _users.CreateAsync(tag, 1, license: JourneyUsers.AppsForEnterprise);
        await _users.DeleteAsync(ids);
        var page = await OpenAsync("admin@contoso.com", "/users/deleted", "deleted-grid");
        await SearchAsync(page, "deleted-grid", $"zz {tag}", 1);
        await Expect(page.Locator("#deleted-grid tbody tr").First).ToContainTextAsync("Microsoft 365 Apps for enterprise");
        await SelectAllRowsAsync(page, "deleted-grid", 1);

        await page.Locator("#restore").ClickAsync();

        var result = page.Locator("#restore-result");
        await Expect(result).ToContainTextAsync("1 user restored.");
        await Expect(result).ToContainTextAsync($"zz.{tag}.1@contoso.com was restored.");
        await Expect(result).ToContainTextAsync("Licenses restored: Microsoft 365 Apps for enterprise.");
        await Expect(page.Locator("#deleted-grid")).ToContainTextAsync("No deleted users.");
        await ScreenshotAsync(page, "restore-user-result.png");
        Assert.Equal([false], await _users.AreDeletedAsync(ids));
        Assert.Equal([JourneyUsers.AppsForEnterprise], await _users.ProductsOfAsync(ids[0]));
    }

    [Fact]
    public async Task RestoringAUserWhoseUsernameIsTakenAgain_ShowsTheRefusal_AndTheUserStaysDeleted()
    {
        var tag = JourneyUsers.NewTag();
        var deleted = await _users.CreateAsync(tag, 1);
        await _users.DeleteAsync(deleted);
        // A deleted user frees the username (decision 0004), so a new user can take it.
        await _users.CreateAsync(tag, 1);
        var page = await OpenAsync("admin@contoso.com", "/users/deleted", "deleted-grid");
        await SearchAsync(page, "deleted-grid", $"zz {tag}", 1);
        await SelectAllRowsAsync(page, "deleted-grid", 1);

        await page.Locator("#restore").ClickAsync();

        await Expect(page.Locator("#restore-error")).ToHaveTextAsync($"zz.{tag}.1@contoso.com cannot be restored: the username is now used by another user.");
        await Expect(page.Locator("#deleted-grid tbody tr")).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "restore-username-taken.png");
        Assert.Equal([true], await _users.AreDeletedAsync(deleted));
    }
}
