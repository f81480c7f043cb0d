using System.Text;
using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Identity;
using LicenseAdmin.Infrastructure.Services.Security;
using LicenseAdmin.Infrastructure.Services.Users.Import;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests.Users;

public sealed class UserImportServiceTests : DemoDatabaseTest
{
    private static readonly CancellationToken None = CancellationToken.None;
    private const string Header = "User Name,First Name,Last Name,Display Name,Job Title,Department,Office Number,Office Phone,Mobile Phone,Fax,Alternate email address,Address,City,State or Province,ZIP or Postal Code,Country or Region,Usage Location";

    private UserImportService Import => Database.Services.GetRequiredService<UserImportService>();

    private static MemoryStream File(params string[] lines) => new(Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n"));

    private static string Person(string name, string usage = "DK") =>
        $"{name}@contoso.com,{name},Imported,{name} Imported,Buyer,Sales,B12,+45 33 12 34 56,,,{name}@example.com,Vesterbrogade 1,København,,1620,Denmark,{usage}";

    private async Task<UserImportOptions> WithAsync(string partNumber) =>
        new([ProductLicense.AllPlansOn(await Database.ProductIdAsync(partNumber))]);

    [Fact]
    public async Task APreview_ListsTheUsersAndTheSeats_AndWritesNothing()
    {
        var admin = await Database.CallerAsync(Support.Demo.UserAdmin);
        var before = await Database.SnapshotAsync();

        var preview = await Import.PreviewAsync(admin, File(Header, Person("ida"), Person("ole")), await WithAsync(Support.Demo.E3), null, None);

        Assert.True(preview.CanApply);
        Assert.Equal(["ida@contoso.com", "ole@contoso.com"], preview.Users.Select(u => u.UserPrincipalName));
        Assert.Equal([2, 3], preview.Users.Select(u => u.Line));
        var seats = Assert.Single(preview.Seats);
        Assert.Equal(("Office 365 E3", 2, 5, true), (seats.Product, seats.Needed, seats.Available, seats.Enough));
        Assert.Equal(before, await Database.SnapshotAsync());
    }

    [Fact]
    public async Task ALongFile_ReportsTheLinesChecked_ThenTheUsersAdded_AsItGoes()
    {
        var admin = await Database.CallerAsync(Support.Demo.UserAdmin);
        var lines = new[] { Header }.Concat(Enumerable.Range(0, 2500).Select(i => Person($"bulk{i:D4}"))).ToArray();
        var previewed = new List<UserImportProgress>();
        var applied = new List<UserImportProgress>();

        await Import.PreviewAsync(admin, File(lines), UserImportOptions.UsersOnly, new Collect(previewed), None);
        var result = await Import.ApplyAsync(admin, File(lines), UserImportOptions.UsersOnly, new Collect(applied), None);

        Assert.Equal(2500, result.Users.Count);
        Assert.Equal([0, 1000, 2000, 2500], previewed.Select(p => p.Done));
        Assert.All(previewed, p => Assert.Equal((UserImportStage.Checking, 2500), (p.Stage, p.Total)));
        // The apply checks the file again inside its transaction, then adds the users a batch at a time.
        Assert.Equal(previewed, applied.Where(p => p.Stage == UserImportStage.Checking));
        Assert.Equal([1000, 2000, 2500], applied.Where(p => p.Stage == UserImportStage.Adding).Select(p => p.Done));
        Assert.Equal(2500, (await Database.AuditAsync(AuditAction.AddUser)).Count(e => e.OperationId == result.ImportId));
    }

    // Records each report as it is made; Progress<T> would post them to a context and lose the order.
    private sealed class Collect(List<UserImportProgress> reports) : IProgress<UserImportProgress>
    {
        public void Report(UserImportProgress value) => reports.Add(value);
    }

    [Fact]
    public async Task Apply_AddsEveryUserWithContactDetailsLicensesAndAOneTimePassword_Audited()
    {
        var admin = await Database.CallerAsync(Support.Demo.UserAdmin);
        var (_, assignedBefore, _, _) = await Database.SeatsAsync(Support.Demo.E3);

        var result = await Import.ApplyAsync(admin, File(Header, Person("ida"), Person("ole")), await WithAsync(Support.Demo.E3), null, None);

        Assert.Equal(2, result.Users.Count);
        Assert.NotNull(result.LicenseOperationId);
        Assert.Equal(assignedBefore + 2, (await Database.SeatsAsync(Support.Demo.E3)).Assigned);
        var ida = await Database.UserAsync("ida@contoso.com");
        Assert.Equal(("Sales", "DK", "København", "+45 33 12 34 56"), (ida.Department, ida.UsageLocation, ida.City, ida.OfficePhone));
        Assert.Contains(ida.Id, await Database.HoldersAsync(Support.Demo.E3));

        var password = result.Users.Single(u => u.UserPrincipalName == "ida@contoso.com").Password!;
        using var scope = Database.Services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var account = await accounts.Users.SingleAsync(a => a.DirectoryUserId == ida.Id);
        Assert.StartsWith(PortalPasswordHasher.OneTimePrefix, account.PasswordHash);
        Assert.DoesNotContain(password, account.PasswordHash);
        Assert.True(await accounts.CheckPasswordAsync(account, password));
        // The first check stores Identity's PBKDF2 hash in place of the fast one (decision 0026).
        var upgraded = await accounts.Users.AsNoTracking().SingleAsync(a => a.DirectoryUserId == ida.Id);
        Assert.False(upgraded.PasswordHash!.StartsWith('$'));
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<ApplicationUser>().VerifyHashedPassword(upgraded, upgraded.PasswordHash, password));

        var added = (await Database.AuditAsync(AuditAction.AddUser)).Where(e => e.OperationId == result.ImportId).ToList();
        Assert.Equal(2, added.Count);
        Assert.All(added, e => Assert.DoesNotContain(password, e.After + e.Detail));
    }

    [Fact]
    public async Task OneBadLine_RefusesTheWholeFile_NamingTheLine_AndWritesNothingButTheRefusal()
    {
        var admin = await Database.CallerAsync(Support.Demo.UserAdmin);
        var before = await Database.SnapshotAsync();

        var error = await Assert.ThrowsAsync<UserImportRefusedException>(() =>
            Import.ApplyAsync(admin, File(Header, Person("ida"), Person("ole", usage: "Denmark")), UserImportOptions.UsersOnly, null, None));

        Assert.Equal("Line 3, Usage Location: 'Denmark' is not a usage location: use a two-letter country code such as DK or US.", error.Message);
        Assert.Equal(before, await Database.SnapshotAsync());
        Assert.Contains(await Database.AuditAsync(AuditAction.AddUser), e => e.Outcome == AuditOutcome.Refused && e.Detail == error.Message);
    }

    [Fact]
    public async Task TooFewSeats_IsRefusedBeforeAnythingIsWritten()
    {
        var admin = await Database.CallerAsync(Support.Demo.UserAdmin);
        var before = await Database.SnapshotAsync();
        var file = File(Header, Person("ida"), Person("ole"));

        var preview = await Import.PreviewAsync(admin, File(Header, Person("ida"), Person("ole")), await WithAsync(Support.Demo.E5), null, None);
        var error = await Assert.ThrowsAsync<UserImportRefusedException>(() => Import.ApplyAsync(admin, file, WithAsync(Support.Demo.E5).Result, null, None));

        const string message = "Office 365 E5 needs 2 licenses for the new users, but only 1 are available; buy 1 more or give fewer users this product.";
        Assert.False(preview.CanApply);
        Assert.Equal(message, Assert.Single(preview.Refusals).ToString());
        Assert.Equal(message, error.Message);
        Assert.Equal(before, await Database.SnapshotAsync());
    }

    [Fact]
    public async Task ASemicolonFileWithAByteOrderMark_AndAnExistingUsername_AreRead()
    {
        var admin = await Database.CallerAsync(Support.Demo.UserAdmin);
        var text = "\uFEFFUser Name;Display Name\r\nida@contoso.com;Ida\r\n\"user@contoso.com\";\"Lynne; again\"\r\n";

        var preview = await Import.PreviewAsync(admin, new MemoryStream(Encoding.UTF8.GetBytes(text)), UserImportOptions.UsersOnly, null, None);

        Assert.Equal("ida@contoso.com", Assert.Single(preview.Users).UserPrincipalName);
        Assert.Equal("Line 3, User Name: 'user@contoso.com' is already used by another user.", Assert.Single(preview.Problems).ToString());
    }

    [Theory]
    [InlineData("empty", "The file is empty: it needs the header line of the template and one line per user.")]
    [InlineData("binary", "The file is not a CSV text file: save it from your spreadsheet as CSV (UTF-8) and upload it again.")]
    [InlineData("latin1", "The file is not a CSV text file: save it from your spreadsheet as CSV (UTF-8) and upload it again.")]
    [InlineData("headers", "Line 1: 'Email' is not a column of the template; use the headers of the downloaded template. Line 1: The header line has no 'User Name' column; every user needs one.")]
    [InlineData("fabrikam", "Line 2, User Name: 'ida@fabrikam.com' is not in this organisation's domain; user names here end with @contoso.com.")]
    public async Task AWrongFile_IsRefusedWithOneClearMessage_AndWritesNothing(string kind, string message)
    {
        var admin = await Database.CallerAsync(Support.Demo.UserAdmin);
        var before = await Database.SnapshotAsync();
        byte[] bytes = kind switch
        {
            "empty" => [],
            "binary" => [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00],
            "latin1" => Encoding.Latin1.GetBytes("User Name,Display Name\r\nsoren@contoso.com,Søren\r\n"),
            "headers" => Encoding.UTF8.GetBytes("Email,Display Name\r\nida@contoso.com,Ida\r\n"),
            _ => Encoding.UTF8.GetBytes("User Name,Display Name\r\nida@fabrikam.com,Ida\r\n"),
        };

        var error = await Assert.ThrowsAsync<UserImportRefusedException>(() => Import.ApplyAsync(admin, new MemoryStream(bytes), UserImportOptions.UsersOnly, null, None));

        Assert.Equal(message, string.Join(" ", error.Problems.Select(p => p.ToString())));
        Assert.Equal(before, await Database.SnapshotAsync());
    }

    [Fact]
    public async Task AFileOver50MB_IsRefusedBeforeItIsRead()
    {
        var admin = await Database.CallerAsync(Support.Demo.UserAdmin);
        var file = new MemoryStream();
        file.SetLength(50L * 1024 * 1024);

        var error = await Assert.ThrowsAsync<UserImportRefusedException>(() => Import.PreviewAsync(admin, file, UserImportOptions.UsersOnly, null, None));

        Assert.Equal("The file has 52,428,800 bytes; a file of users can be at most 52,428,799 bytes.", error.Message);
    }

    [Fact]
    public async Task OnlyRolesThatMayAddUsers_CanImport_AndLicensesNeedTheRightToAssign()
    {
        var licenseAdmin = await Database.CallerAsync(Support.Demo.LicenseAdmin);
        var billing = await Database.CallerAsync(Support.Demo.BillingAdmin);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Import.PreviewAsync(licenseAdmin, File(Header, Person("ida")), UserImportOptions.UsersOnly, null, None));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Import.ApplyAsync(billing, File(Header, Person("ida")), UserImportOptions.UsersOnly, null, None));
        Assert.DoesNotContain(await Database.AuditAsync(AuditAction.AddUser), e => e.Outcome == AuditOutcome.Succeeded);
    }

    [Fact]
    public async Task Undo_RemovesTheImportedUsersAndFreesTheirSeats_AndASecondUndoIsRefused()
    {
        var admin = await Database.CallerAsync(Support.Demo.GlobalAdmin);
        var seatsBefore = await Database.SeatsAsync(Support.Demo.E3);
        var result = await Import.ApplyAsync(admin, File(Header, Person("ida"), Person("ole")), await WithAsync(Support.Demo.E3), null, None);

        var removed = await Import.UndoAsync(admin, result.ImportId, None);

        Assert.Equal(2, removed);
        Assert.Equal(seatsBefore, await Database.SeatsAsync(Support.Demo.E3));
        await using (var db = await Database.Contexts.ForTenantAsync(admin.TenantId, None))
            Assert.False(await db.DirectoryUsers.AnyAsync(u => u.UserPrincipalName == "ida@contoso.com"));
        var again = await Assert.ThrowsAsync<UserImportNotFoundException>(() => Import.UndoAsync(admin, result.ImportId, None));
        Assert.Equal($"There is no import {result.ImportId} with users left to remove in this organisation.", again.Message);

        // The same file can be imported again after the undo.
        var second = await Import.ApplyAsync(admin, File(Header, Person("ida")), UserImportOptions.UsersOnly, null, None);
        Assert.Single(second.Users);
    }
}
