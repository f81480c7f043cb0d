using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests;

/// <summary>
/// SQLite does not enforce column lengths (and SQL Server's failure would be misread as a concurrent change), so
/// the domain refuses over-long fields with a sentence naming the field, and nothing is stored.
/// </summary>
public sealed class FieldLengthTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    private UserService Users => _database.Services.GetRequiredService<UserService>();

    [Fact]
    public async Task ADepartmentOf10000Characters_IsRefusedNamingTheField_AndNothingIsStored()
    {
        var caller = await _database.CallerAsync(Demo.UserAdmin);
        var target = await _database.UserByIdAsync((await _database.UnlicensedAsync())[0]);
        var before = await _database.SnapshotAsync();

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Users.UpdateAsync(caller, target.Id, UserProfile.Of(target) with { Department = new string('d', 10_000) }, CancellationToken.None));

        Assert.Equal("A department can be at most 64 characters; this one has 10000.", error.Message);
        Assert.Equal(before, await _database.SnapshotAsync());
        Assert.Equal(target.Department, (await _database.UserByIdAsync(target.Id)).Department);
        Assert.Contains(await _database.AuditAsync(AuditAction.UpdateUser), e => e.Outcome == AuditOutcome.Refused && e.Detail == error.Message);
    }

    [Fact]
    public async Task ANewUserWithAnOverLongJobTitle_IsRefused_AndNotCreated()
    {
        var caller = await _database.CallerAsync(Demo.UserAdmin);

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Users.CreateAsync(caller, new NewUser("long.title@contoso.com", "Long Title", JobTitle: new string('t', 129)), CancellationToken.None));

        Assert.Equal("A job title can be at most 128 characters; this one has 129.", error.Message);
        Assert.DoesNotContain(await _database.AuditAsync(AuditAction.AddUser), e => e.Outcome == AuditOutcome.Succeeded && e.Target == "long.title@contoso.com");
    }
}
