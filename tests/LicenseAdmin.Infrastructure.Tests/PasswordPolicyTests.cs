using LicenseAdmin.Infrastructure.Identity;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests;

public sealed class PasswordPolicyTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    private async Task<IdentityResult> ChangePasswordAsync(string newPassword)
    {
        await using var scope = _database.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var account = await users.Users.SingleAsync(u => u.UserName == DemoAccounts.Contoso[0].Upn);
        return await users.ChangePasswordAsync(account, "Test-password-2026", newPassword);
    }

    [Fact]
    public async Task ElevenCharacters_AreRefusedWithTheMinimumNamed()
    {
        var result = await ChangePasswordAsync("abcdefghijk");

        Assert.Equal(["Passwords must be at least 12 characters."], result.Errors.Select(e => e.Description));
    }

    [Fact]
    public async Task TwelveLowercaseLetters_AreAcceptedWithoutCompositionRules()
    {
        var result = await ChangePasswordAsync("abcdefghijkl");

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task MoreThan128Characters_AreRefusedWithTheMaximumNamed()
    {
        var result = await ChangePasswordAsync(new string('x', 129));

        Assert.Equal(["Passwords must be at most 128 characters."], result.Errors.Select(e => e.Description));
    }

    [Fact]
    public async Task Exactly128Characters_AreAccepted()
    {
        var result = await ChangePasswordAsync(new string('x', 128));

        Assert.True(result.Succeeded);
    }
}
