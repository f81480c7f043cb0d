using System.Text;
using Bunit;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Subscriptions;
using LicenseAdmin.Infrastructure.Services.Users.Import;
using LicenseAdmin.Web.Authorization;
using LicenseAdmin.Web.Components.Users;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LicenseAdmin.Web.Tests.Components;

/// <summary>
/// The "no cap": a 10,000-row file with every template column is checked and added through the dialog in one
/// go, with a product and a one-time password for every user, and the seats and users in the database agree with what
/// the dialog said.
/// </summary>
public sealed class AddMultipleUsersLargeFileTests : PortalComponentTestBase
{
    private const int Rows = 10_000;
    private static readonly Guid E3 = Guid.Parse("6fd2c87f-b296-42f0-b197-1e91e994b900");
    private static readonly TimeSpan LongWork = TimeSpan.FromMinutes(3);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        AddMultipleUsersDialogs.UseImportServiceOf(Context, Portal);
    }

    private static string TenThousandUsers()
    {
        var file = new StringBuilder(
            "User Name,First Name,Last Name,Display Name,Job Title,Department,Office Number,Office Phone,Mobile Phone,Fax," +
            "Alternate email address,Address,City,State or Province,ZIP or Postal Code,Country or Region,Usage Location\r\n");
        for (var i = 1; i <= Rows; i++)
            file.Append($"new.hire{i:D5}@contoso.com,New,Hire {i},New Hire {i},Consultant,Sales,B{i % 40},+45 33 00 {i % 100:D2} 00,,,")
                .Append($"hire{i}@example.org,Vesterbrogade {i % 200},København,,1620,Denmark,DK\r\n");
        return file.ToString();
    }

    [Fact]
    public async Task ATenThousandRowFile_IsCheckedAndAddedInOneGo_WithAProductAndAOneTimePasswordForEveryUser()
    {
        await SignInAsAsync("admin@contoso.com");
        var caller = await Context.Services.GetRequiredService<CurrentCaller>().GetAsync();
        await Portal.Services.GetRequiredService<SubscriptionService>().BuyAsync(caller, E3, Rows, null, CancellationToken.None);
        var (_, assignedBefore) = await E3SeatsAsync(caller.TenantId);
        var dialog = await AddMultipleUsersDialogs.OpenAsync(Context);

        dialog.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(TenThousandUsers(), "new-hires.csv"));
        dialog.WaitForAssertion(() => Assert.False(dialog.Find("#import-check").HasAttribute("disabled")), LongWork);
        await dialog.InvokeAsync(() => dialog.Find("[data-product='ENTERPRISEPACK'] input[type=checkbox]").Change(true));
        await dialog.InvokeAsync(() => dialog.Find("#import-check").Click());
        dialog.WaitForElement("#import-valid", LongWork);

        Assert.Equal("All 10,000 users are valid.", dialog.Find("#import-valid").TextContent.Trim());
        var seatRow = dialog.FindAll("#import-seats tbody tr").Single(r => r.TextContent.Contains("Office 365 E3"));
        Assert.Equal("10,000", seatRow.Children[1].TextContent.Trim());
        Assert.Equal("Add 10,000 users", dialog.Find("#import-apply").TextContent.Trim());

        await dialog.InvokeAsync(() => dialog.Find("#import-apply").Click());
        dialog.WaitForAssertion(() => Assert.Equal("10,000 users added.", dialog.Find("#import-done").TextContent.Trim()), LongWork);
        // Every user got a sign-in account with a one-time password (on by default), offered once as a download.
        var passwords = Encoding.UTF8.GetString(Convert.FromBase64String(
            dialog.Find("#download-passwords").GetAttribute("href")!["data:text/csv;charset=utf-8;base64,".Length..]));
        Assert.Equal(Rows + 1, passwords.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        await using var db = await Portal.Services.GetRequiredService<TenantDbContextFactory>().ForSystemAsync(CancellationToken.None);
        var added = db.DirectoryUsers.IgnoreQueryFilters().Where(u => u.UserPrincipalName.StartsWith("new.hire")).Select(u => u.Id);
        Assert.Equal(Rows, await added.CountAsync());
        Assert.Equal(Rows, await db.LicenseAssignments.IgnoreQueryFilters().CountAsync(a => a.ProductId == E3 && added.Contains(a.UserId)));
        var (total, assigned) = await E3SeatsAsync(caller.TenantId);
        Assert.Equal(assignedBefore + Rows, assigned);
        Assert.True(assigned <= total, $"{assigned} E3 licenses assigned of {total} seats");
    }

    private async Task<(int Total, int Assigned)> E3SeatsAsync(Guid tenantId)
    {
        await using var db = await Portal.Services.GetRequiredService<TenantDbContextFactory>().ForSystemAsync(CancellationToken.None);
        var counter = await db.SeatCounters.IgnoreQueryFilters().SingleAsync(c => c.TenantId == tenantId && c.ProductId == E3);
        return (counter.TotalSeats, counter.AssignedSeats);
    }
}
