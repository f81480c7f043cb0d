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
        var result = await ChangePasswordAsync("mqzvbtrplkw");

        Assert.Equal(["Passwords must be at least 12 characters."], result.Errors.Select(e => e.Description));
    }

    [Fact]
    public async Task TwelveLowercaseLetters_AreAcceptedWithoutCompositionRules()
    {
        var result = await ChangePasswordAsync("mqzvbtrplkwx");

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task MoreThan128Characters_AreRefusedWithTheMaximumNamed()
    {
        var result = await ChangePasswordAsync(Varied(129));

        Assert.Equal(["Passwords must be at most 128 characters."], result.Errors.Select(e => e.Description));
    }

    [Fact]
    public async Task Exactly128Characters_AreAccepted()
    {
        var result = await ChangePasswordAsync(Varied(128));

        Assert.True(result.Succeeded);
    }

    private static string Varied(int length) => string.Concat(Enumerable.Range(0, length).Select(i => "mqzvbtrplkwxhs"[i % 14]));

    [Fact]
    public async Task OneCharacterRepeated_IsRefusedNamingTheRule()
    {
        var result = await ChangePasswordAsync("aaaaaaaaaaaa");

        Assert.Equal(["Passwords must use at least 5 different characters."], result.Errors.Select(e => e.Description));
    }

    [Theory]
    [InlineData("abcdefghijkl")]
    [InlineData("zyxwvutsrqpo")]
    public async Task ARunOfConsecutiveCharacters_IsRefused(string password)
    {
        var result = await ChangePasswordAsync(password);

        Assert.Equal(["Passwords must not be a run of consecutive characters such as abcdef or 123456."], result.Errors.Select(e => e.Description));
    }

    [Theory]
    [InlineData("admin@contoso.com")]
    [InlineData("Admin@Contoso.com-2026")]
    public async Task ThePasswordContainingTheUsername_IsRefused(string password)
    {
        var result = await ChangePasswordAsync(password);

        Assert.Equal(["Passwords must not contain the username."], result.Errors.Select(e => e.Description));
    }

    [Theory]
    [InlineData("qwertyuiopas")]
    [InlineData("Password2026!")]
    [InlineData("iloveyou1234")]
    [InlineData("Welcome12345")]
    public async Task ACommonPassword_EvenWithDigitsOrSymbolsAdded_IsRefused(string password)
    {
        var result = await ChangePasswordAsync(password);

        Assert.Equal(["This password is on the list of commonly used passwords. Choose another."], result.Errors.Select(e => e.Description));
    }

    [Fact]
    public async Task APassphrase_IsAccepted()
    {
        var result = await ChangePasswordAsync("plum kettle orbit 47");

        Assert.True(result.Succeeded);
    }
}
