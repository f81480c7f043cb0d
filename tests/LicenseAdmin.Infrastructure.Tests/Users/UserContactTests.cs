using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests.Users;

public sealed class UserContactTests : DemoDatabaseTest
{
    private static readonly CancellationToken None = CancellationToken.None;
    private UserService Users => Database.Services.GetRequiredService<UserService>();

    private static readonly ContactDetails Anna = new()
    {
        Office = "B12", OfficePhone = "+45 33 12 34 56", MobilePhone = "+45 20 12 34 56", AlternateEmail = "anna@example.com",
        StreetAddress = "Vesterbrogade 1", City = "København", PostalCode = "1620", Country = "Denmark",
    };

    [Fact]
    public async Task AUserAdmin_SavesContactDetails_WhichAreAuditedAndShownInTheUserPanelData()
    {
        var admin = await Database.CallerAsync(Support.Demo.UserAdmin);
        var user = await Database.UserAsync(Support.Demo.NoRole);

        await Users.UpdateContactAsync(admin, user.Id, Anna with { City = "  København " }, None);

        var details = await Database.Services.GetRequiredService<UserDetailsService>().GetAsync(admin, user.Id, None);
        Assert.Equal(Anna, details.Contact);
        var entry = Assert.Single(await Database.AuditAsync(AuditAction.UpdateUser), e => e.TargetId == user.Id);
        Assert.Contains("Vesterbrogade 1", entry.After);
    }

    [Fact]
    public async Task AnOverLongPhone_IsRefusedWithItsLength_AndChangesNothing()
    {
        var admin = await Database.CallerAsync(Support.Demo.UserAdmin);
        var user = await Database.UserAsync(Support.Demo.NoRole);
        var before = await Database.SnapshotAsync();

        var error = await Assert.ThrowsAsync<DomainException>(() => Users.UpdateContactAsync(admin, user.Id, Anna with { MobilePhone = new string('5', 65) }, None));

        Assert.Equal("A mobile phone can be at most 64 characters; this one has 65.", error.Message);
        Assert.Equal(before, await Database.SnapshotAsync());
    }

    [Fact]
    public async Task TheActiveUsersExport_HasTheContactColumns()
    {
        var admin = await Database.CallerAsync(Support.Demo.GlobalAdmin);
        var user = await Database.UserAsync(Support.Demo.NoRole);
        await Users.UpdateContactAsync(admin, user.Id, Anna, None);
        var csv = new StringWriter();

        await Database.Services.GetRequiredService<UserDirectoryService>().ExportCsvAsync(admin, UserFilter.All, csv, None);

        // Phone numbers starting with + are escaped like every cell a spreadsheet could run (ExportCsv).
        var lines = csv.ToString().Split('\n');
        Assert.EndsWith("Office,Office phone,Mobile phone,Fax,Alternate email address,Address,City,State or province,ZIP or postal code,Country or region", lines[0].TrimEnd('\r'));
        Assert.Contains(lines, l => l.Contains(Support.Demo.NoRole) && l.TrimEnd('\r').EndsWith(",B12,\"'+45 33 12 34 56\",\"'+45 20 12 34 56\",,anna@example.com,Vesterbrogade 1,København,,1620,Denmark"));
    }
}
