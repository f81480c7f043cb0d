using Bunit;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Users.Import;
using LicenseAdmin.Web.Authorization;
using LicenseAdmin.Web.Components.Users;
using LicenseAdmin.Web.Tests.Support;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LicenseAdmin.Web.Tests.Components;

public sealed class AddMultipleUsersDialogTests : PortalComponentTestBase
{
    private const string Header = "User Name,First Name,Last Name,Display Name,Department,Office Phone,Usage Location";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        AddMultipleUsersDialogs.UseImportServiceOf(Context, Portal);
    }

    private Task<IRenderedComponent<MudDialogProvider>> OpenAsync() => AddMultipleUsersDialogs.OpenAsync(Context);

    private static void Upload(IRenderedComponent<MudDialogProvider> dialog, params string[] lines)
    {
        dialog.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(string.Join("\r\n", lines) + "\r\n", "users.csv"));
        dialog.WaitForAssertion(() => Assert.False(dialog.Find("#import-check").HasAttribute("disabled")));
    }

    private static async Task CheckAsync(IRenderedComponent<MudDialogProvider> dialog)
    {
        await dialog.InvokeAsync(() => dialog.Find("#import-check").Click());
        dialog.WaitForElement("#import-preview");
    }

    [Fact]
    public async Task AGoodFile_IsPreviewed_Added_WithOneTimePasswords_AndUndone()
    {
        await SignInAsAsync("admin@contoso.com");
        var dialog = await OpenAsync();
        Assert.StartsWith("data:text/csv;charset=utf-8;base64,", dialog.Find("#download-template").GetAttribute("href"));
        Assert.True(dialog.Find("#import-apply").HasAttribute("disabled"));
        Assert.Equal("Add users", dialog.Find("#import-apply").TextContent.Trim());

        Upload(dialog, Header, "ida@contoso.com,Ida,Holm,Ida Holm,Sales,+45 33 12 34 56,DK", "ole@contoso.com,Ole,Dam,Ole Dam,Sales,,DK");
        await dialog.InvokeAsync(() => dialog.Find("[data-product='ENTERPRISEPACK'] input[type=checkbox]").Change(true));
        await CheckAsync(dialog);

        Assert.Equal("All 2 users are valid.", dialog.Find("#import-valid").TextContent.Trim());
        Assert.Contains("Office 365 E3", dialog.Find("#import-seats").TextContent);
        Assert.Contains("ida@contoso.com", dialog.Find("#import-users").TextContent);
        Assert.Equal("Add 2 users", dialog.Find("#import-apply").TextContent.Trim());
        await dialog.InvokeAsync(() => dialog.Find("#import-apply").Click());

        dialog.WaitForAssertion(() => Assert.Equal("2 users added.", dialog.Find("#import-done").TextContent.Trim()));
        Assert.Equal(2, dialog.FindAll("#import-created tbody tr").Count);
        Assert.All(dialog.FindAll("#import-created code"), code => Assert.Equal(20, code.TextContent.Length));
        Assert.StartsWith("data:text/csv;charset=utf-8;base64,", dialog.Find("#download-passwords").GetAttribute("href"));

        await dialog.InvokeAsync(() => dialog.Find("#import-undo").Click());
        dialog.WaitForAssertion(() => Assert.Equal("Undone: 2 added users were removed and their licenses freed.", dialog.Find("#import-done").TextContent.Trim()));
        Assert.Empty(dialog.FindAll("#import-undo"));
    }

    [Fact]
    public async Task ABadFile_ListsEveryProblemByLineAndColumn_InDanish_AndCannotBeAdded()
    {
        using var danish = CultureScope.Danish();
        await SignInAsAsync("useradmin@contoso.com");
        var dialog = await OpenAsync();
        Assert.Equal("Tilføj brugere", dialog.Find("#import-apply").TextContent.Trim());

        Upload(dialog, Header, "ida@contoso.com,Ida,Holm,Ida Holm,=1+1,,DK", "ida@contoso.com,Ida,Holm,Ida Igen,Sales,,Danmark", "bo@fabrikam.com,Bo,Ek,Bo Ek,,,");
        await CheckAsync(dialog);

        var problems = dialog.FindAll("#import-problems li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(
            [
                "Linje 2, Department: '=1+1' begynder med =, som et regneark ville køre som en formel. Fjern tegnet.",
                "Linje 3, User Name: 'ida@contoso.com' står allerede på linje 2 i denne fil.",
                "Linje 3, Usage Location: 'Danmark' er ikke en anvendelsesplacering: Brug en landekode på to bogstaver, f.eks. DK eller US.",
                "Linje 4, User Name: 'bo@fabrikam.com' er ikke i organisationens domæne. Brugernavne her slutter med @contoso.com.",
            ], problems);
        Assert.Contains("Filen kan ikke tilføjes: 4 problemer.", dialog.Find("#import-preview").TextContent);
        Assert.True(dialog.Find("#import-apply").HasAttribute("disabled"));
    }

    [Fact]
    public async Task TooFewSeats_IsShownBeforeAnythingIsAdded_InEnglish()
    {
        using var english = CultureScope.English();
        await SignInAsAsync("admin@contoso.com");
        var dialog = await OpenAsync();

        Upload(dialog, Header, "ida@contoso.com,Ida,Holm,Ida Holm,Sales,,DK", "ole@contoso.com,Ole,Dam,Ole Dam,Sales,,DK");
        await dialog.InvokeAsync(() => dialog.Find("[data-product='ENTERPRISEPREMIUM'] input[type=checkbox]").Change(true));
        await CheckAsync(dialog);

        Assert.Equal(
            "Office 365 E5 needs 2 licenses for the new users, but only 1 are available; buy 1 more or give fewer users this product.",
            Assert.Single(dialog.FindAll("#import-problems li")).TextContent.Trim());
        Assert.True(dialog.Find("#import-apply").HasAttribute("disabled"));
    }

    [Fact]
    public async Task ABinaryFile_IsRefusedWithOneClearMessage_InDanish()
    {
        using var danish = CultureScope.Danish();
        await SignInAsAsync("admin@contoso.com");
        var dialog = await OpenAsync();

        dialog.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00], "users.xlsx"));
        dialog.WaitForAssertion(() => Assert.False(dialog.Find("#import-check").HasAttribute("disabled")));
        await dialog.InvokeAsync(() => dialog.Find("#import-check").Click());

        dialog.WaitForAssertion(() => Assert.Contains(
            "Filen er ikke en CSV-tekstfil: Gem den fra dit regneark som CSV (UTF-8), og upload den igen.", dialog.Find("#import-error").TextContent));
    }
}
