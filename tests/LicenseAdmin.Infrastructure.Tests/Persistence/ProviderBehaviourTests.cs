using LicenseAdmin.Infrastructure.Identity;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests.Persistence;

/// <summary>
/// What must behave the same on every provider (run once per provider by ./test.sh): usernames and emails unique and
/// matched without regard to case, search without regard to case, times stored as UTC, the license-count triggers there.
/// </summary>
public sealed class ProviderBehaviourTests : DemoDatabaseTest
{
    private static readonly CancellationToken None = CancellationToken.None;
    private UserService Users => Database.Services.GetRequiredService<UserService>();
    private UserDirectoryService Directory => Database.Services.GetRequiredService<UserDirectoryService>();

    [Fact]
    public async Task Username_DifferingOnlyInCase_IsRefusedAsTaken()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        await Users.CreateAsync(admin, new NewUser("Lena.Berg@contoso.com", "Lena Berg", UsageLocation: "DK"), None);

        var error = await Assert.ThrowsAsync<UserChangeRefusedException>(() =>
            Users.CreateAsync(admin, new NewUser("LENA.BERG@Contoso.COM", "Lena Berg 2", UsageLocation: "DK"), None));

        Assert.Equal("The username lena.berg@contoso.com is already used by another user.", error.Message);
    }

    [Fact]
    public async Task StoredUsername_DifferingOnlyInCase_IsRejectedByTheUniqueIndexToo()
    {
        // The service checks first; the index is the guard for a writer that skips the service. Usernames are stored
        // lower-case, so the index compares them without regard to case on every provider.
        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, None);
        db.DirectoryUsers.Add(new Domain.Users.DirectoryUser(Guid.NewGuid(), DemoDataSeeder.ContosoId, "ADMIN@contoso.com", "Copy",
            Domain.Users.UserKind.User, Database.Clock.GetUtcNow().UtcDateTime));

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Theory]
    [InlineData("ADMIN@CONTOSO.COM")]
    [InlineData("Admin@Contoso.com")]
    public async Task SignInNameAndEmail_AreFoundWhateverTheirCase(string typed)
    {
        await using var scope = Database.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();

        var byName = await accounts.FindByNameAsync(typed);
        var byEmail = await accounts.FindByEmailAsync(typed);

        Assert.Equal("admin@contoso.com", byName?.UserName);
        Assert.Equal("admin@contoso.com", byEmail?.Email);
    }

    [Theory]
    [InlineData("LENA BERG")]
    [InlineData("lena berg")]
    [InlineData("LENA.BERG@CONTOSO")]
    public async Task Search_FindsTheUserWhateverTheCase(string search)
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        var user = await Users.CreateAsync(admin, new NewUser("lena.berg@contoso.com", "Lena Berg", UsageLocation: "DK"), None);

        var page = await Directory.PageAsync(admin, new UserFilter(Search: search), new UserSort(), 0, 50, None);

        Assert.Equal([user], page.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Times_AreStoredAndReadBackAsTheSameUtcInstant()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        var created = new DateTimeOffset(2026, 11, 3, 23, 30, 15, TimeSpan.Zero).AddTicks(1234560);
        Database.Clock.SetUtcNow(created);

        var user = await Users.CreateAsync(admin, new NewUser("lena.berg@contoso.com", "Lena Berg", UsageLocation: "DK"), None);

        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, None);
        var stored = await db.DirectoryUsers.Where(u => u.Id == user).Select(u => u.CreatedUtc).SingleAsync();
        // SQLite hands a stored time back without a kind, PostgreSQL as UTC; either way it is the instant written.
        Assert.NotEqual(DateTimeKind.Local, stored.Kind);
        Assert.Equal(created.UtcDateTime, DateTime.SpecifyKind(stored, DateTimeKind.Utc));
        if (db.Database.IsNpgsql())
            Assert.Equal("timestamp with time zone", await ColumnTypeAsync(db, "DirectoryUsers", "CreatedUtc"));
    }

    [Fact]
    public async Task LicenseCountTriggers_AreAllInTheDatabase()
    {
        await using var db = await Database.Contexts.ForSystemAsync(None);

        var triggers = db.Database.IsNpgsql()
            ? await db.Database.SqlQueryRaw<string>("""SELECT tgname::text AS "Value" FROM pg_trigger WHERE NOT tgisinternal""").ToListAsync()
            : await db.Database.SqlQueryRaw<string>("""SELECT name AS "Value" FROM sqlite_master WHERE type = 'trigger'""").ToListAsync();

        Assert.Equal(UserLicenseCount.Triggers.Order(), triggers.Where(t => t.StartsWith("TR_LicenseAssignments_")).Order());
    }

    private static async Task<string> ColumnTypeAsync(AppDbContext db, string table, string column) =>
        await db.Database.SqlQuery<string>(
            $"""SELECT data_type::text AS "Value" FROM information_schema.columns WHERE table_name = {table} AND column_name = {column}""").SingleAsync();
}
