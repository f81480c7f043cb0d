using System.Data.Common;
using Bunit;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Users.Import;
using LicenseAdmin.Web.Authorization;
using LicenseAdmin.Web.Components.Users;
using LicenseAdmin.Web.Tests.Support;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LicenseAdmin.Web.Tests.Components;

/// <summary>
/// The dialog's counts while a long check or add runs. A gate on the import's tagged queries holds the work at a known
/// point, so the test sees that state however fast the machine is, then lets it finish.
/// </summary>
public sealed class AddMultipleUsersDialogProgressTests : PortalComponentTestBase
{
    private const int Rows = 2500;
    private readonly QueryGate _gate = new();

    public override async Task InitializeAsync()
    {
        Portal.WithServices(services => services.ConfigureDbContext<AppDbContext>(options => options.AddInterceptors(_gate)));
        await base.InitializeAsync();
        AddMultipleUsersDialogs.UseImportServiceOf(Context, Portal);
    }

    public static TheoryData<string, string, string, string> Languages => new()
    {
        { "en", "Checked 1,000 of 2,500 rows", "Added 2,500 of 2,500 users", "2,500 users added." },
        { "da", "Kontrolleret 1.000 af 2.500 rækker", "Tilføjet 2.500 af 2.500 brugere", "2.500 brugere er tilføjet." },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task ALongFile_ShowsTheRowsChecked_AndTheUsersAdded_WhileTheWorkRuns(string language, string checkedText, string addedText, string doneText)
    {
        using var culture = language == "da" ? CultureScope.Danish() : CultureScope.English();
        await SignInAsAsync("admin@contoso.com");
        var dialog = await OpenAsync();
        var lines = Enumerable.Range(0, Rows).Select(i => $"bulk{i:D4}@contoso.com,Bulk,{i},Bulk Person {i},Sales,,DK");
        dialog.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            "User Name,First Name,Last Name,Display Name,Department,Office Phone,Usage Location\r\n" + string.Join("\r\n", lines) + "\r\n", "users.csv"));
        dialog.WaitForAssertion(() => Assert.False(dialog.Find("#import-check").HasAttribute("disabled")));
        // Without accounts: they add no count of their own to what this test watches.
        await dialog.InvokeAsync(() => dialog.Find("input#create-passwords, #create-passwords input").Change(false));

        // The second thousand names wait at the gate: the first thousand lines are checked and shown.
        var check = _gate.Hold(UserImportService.UsernamesTakenTag, passing: 1);
        await dialog.InvokeAsync(() => dialog.Find("#import-check").Click());
        await check.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        dialog.WaitForAssertion(() => Assert.Equal(checkedText, dialog.Find("#import-count").TextContent.Trim()), TimeSpan.FromSeconds(10));
        Assert.NotNull(dialog.Find("#import-progress-bar"));
        Assert.Empty(dialog.FindAll("#import-progress")); // one bar: the counted one replaced the guard's busy bar
        check.Open();
        dialog.WaitForElement("#import-valid", TimeSpan.FromSeconds(30));

        // Every user is written, and the import waits before the dynamic groups' query that follows the last batch.
        var add = _gate.Hold(UserImportService.DynamicGroupsTag, passing: 0);
        await dialog.InvokeAsync(() => dialog.Find("#import-apply").Click());
        await add.Reached.WaitAsync(TimeSpan.FromSeconds(60));
        dialog.WaitForAssertion(() => Assert.Equal(addedText, dialog.Find("#import-count").TextContent.Trim()), TimeSpan.FromSeconds(10));
        add.Open();
        dialog.WaitForAssertion(() => Assert.Equal(doneText, dialog.Find("#import-done").TextContent.Trim()), TimeSpan.FromSeconds(60));
        Assert.Empty(dialog.FindAll("#import-count"));
    }

    private Task<IRenderedComponent<MudDialogProvider>> OpenAsync() => AddMultipleUsersDialogs.OpenAsync(Context);

    /// <summary>Holds the next query carrying a tag, after letting <c>passing</c> of them through, until the test opens it.</summary>
    private sealed class QueryGate : DbCommandInterceptor
    {
        private Held? _held;

        public Held Hold(string tag, int passing) => _held = new Held(tag, passing);

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken)
        {
            if (_held is { } held && command.CommandText.Contains(held.Tag, StringComparison.Ordinal)) await held.PassAsync();
            return result;
        }

        public sealed class Held(string tag, int passing)
        {
            private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
            private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
            private int _seen;

            public string Tag { get; } = tag;
            public Task Reached => _reached.Task;

            public void Open() => _open.TrySetResult();

            public Task PassAsync()
            {
                if (Interlocked.Increment(ref _seen) <= passing) return Task.CompletedTask;
                _reached.TrySetResult();
                return _open.Task;
            }
        }
    }
}
