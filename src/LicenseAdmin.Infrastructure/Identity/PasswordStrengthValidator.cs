using System.Reflection;
using Microsoft.AspNetCore.Identity;

namespace LicenseAdmin.Infrastructure.Identity;

/// <summary>
/// Refuses the passwords guessers try first (NIST SP 800-63B 3.1.1.2): the username, one character repeated or too
/// few different characters, a run like "abcdefghijkl", and the shipped list of commonly used passwords (also with
/// digits or symbols added at the end, as in "password2026!").
/// </summary>
public sealed class PasswordStrengthValidator : IPasswordValidator<ApplicationUser>
{
    public const int MinDistinctCharacters = 5;
    private const int MinUsernamePartLength = 4;

    private static readonly Lazy<HashSet<string>> CommonPasswords = new(LoadCommonPasswords);

    public async Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        if (string.IsNullOrEmpty(password)) return IdentityResult.Success;
        var userName = await manager.GetUserNameAsync(user);
        var errors = Refusals(password, userName, PortalIdentityErrorDescriber.Of(manager)).ToArray();
        return errors.Length == 0 ? IdentityResult.Success : IdentityResult.Failed(errors);
    }

    private static IEnumerable<IdentityError> Refusals(string password, string? userName, PortalIdentityErrorDescriber errors)
    {
        var lower = password.ToLowerInvariant();
        if (ContainsUsername(lower, userName))
            yield return errors.PasswordContainsUserName();
        if (lower.Distinct().Count() < MinDistinctCharacters)
            yield return errors.PasswordTooFewDistinct(MinDistinctCharacters);
        else if (IsRun(lower))
            yield return errors.PasswordIsARun();
        if (IsCommon(lower))
            yield return errors.PasswordIsCommon();
    }

    private static bool ContainsUsername(string lowerPassword, string? userName)
    {
        if (string.IsNullOrWhiteSpace(userName)) return false;
        var name = userName.ToLowerInvariant();
        var localPart = name.Split('@')[0];
        return lowerPassword.Contains(name, StringComparison.Ordinal)
            || (localPart.Length >= MinUsernamePartLength && lowerPassword.Contains(localPart, StringComparison.Ordinal));
    }

    /// <summary>Every character one above (or every one below) the one before it.</summary>
    private static bool IsRun(string lower)
    {
        var step = lower[1] - lower[0];
        if (step is not (1 or -1)) return false;
        for (var i = 2; i < lower.Length; i++)
            if (lower[i] - lower[i - 1] != step) return false;
        return true;
    }

    private static bool IsCommon(string lower)
    {
        var list = CommonPasswords.Value;
        var trimmed = lower.TrimEnd("0123456789!?.,;:-_#$%&*@+=~ ".ToCharArray());
        return list.Contains(lower) || (trimmed.Length > 0 && list.Contains(trimmed));
    }

    private static HashSet<string> LoadCommonPasswords()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("LicenseAdmin.CommonPasswords.txt")
            ?? throw new InvalidOperationException("The list of common passwords is missing from the build.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Trim() is { Length: > 0 } entry && !entry.StartsWith('#')) set.Add(entry.ToLowerInvariant());
        return set;
    }
}
