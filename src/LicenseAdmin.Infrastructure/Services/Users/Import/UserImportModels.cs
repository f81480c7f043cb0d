using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Domain.Users.Import;

namespace LicenseAdmin.Infrastructure.Services.Users.Import;

/// <summary>What to give every imported user: the products (with plans turned off) and whether to create sign-in accounts.</summary>
public sealed record UserImportOptions(IReadOnlyList<ProductLicense> Products, bool CreatePasswords = true)
{
    public static readonly UserImportOptions UsersOnly = new([], CreatePasswords: false);
}

/// <summary>The file checked against the organisation: the users, every problem, and the seats each product needs.</summary>
public sealed record UserImportPreview(
    IReadOnlyList<ImportedUser> Users, IReadOnlyList<UserImportProblem> Problems, IReadOnlyList<ImportSeatImpact> Seats)
{
    /// <summary>Every line is valid and every product has the seats: applying adds all the users.</summary>
    public bool CanApply => Problems.Count == 0 && Users.Count > 0 && Seats.All(s => s.Enough);

    /// <summary>Every reason the file cannot be applied: the lines' problems, then the seats'.</summary>
    public IReadOnlyList<DomainMessage> Refusals =>
        Problems.Select(p => p.Message).Concat(Seats.Where(s => !s.Enough).Select(s => s.Problem!)).ToList();
}

/// <summary>What a long import is doing: checking the file's lines, or adding its users.</summary>
public enum UserImportStage { Checking, Adding }

/// <summary>How far a preview or an apply has come: <paramref name="Done"/> of <paramref name="Total"/> lines checked or users added.</summary>
public sealed record UserImportProgress(UserImportStage Stage, int Done, int Total);

/// <summary>One added user; the one-time password is shown once and never stored in clear.</summary>
public sealed record ImportedAccount(Guid UserId, int Line, string UserPrincipalName, string DisplayName, string? Password);

/// <summary>What an import wrote: its id (for Undo), the users, and the license change given to them, if any.</summary>
public sealed record UserImportResult(Guid ImportId, IReadOnlyList<ImportedAccount> Users, Guid? LicenseOperationId);

/// <summary>The file cannot be imported: every problem, by line and column, and every seat shortage. Nothing was written.</summary>
public sealed class UserImportRefusedException(IReadOnlyList<DomainMessage> problems)
    : DomainException(problems.Count == 1 ? problems[0] : new DomainMessage("ImportRefused",
        "The file was not imported; {Count:N0} problems: {Problems}", new { Count = problems.Count, Problems = DomainMessage.Join(" ", problems.Take(20)) }))
{
    public IReadOnlyList<DomainMessage> Problems { get; } = problems;
}

/// <summary>Undo names an import the organisation does not have, or one whose users are all gone already.</summary>
public sealed class UserImportNotFoundException(Guid importId)
    : DomainException(new DomainMessage("ImportNotFound", "There is no import {Import} with users left to remove in this organisation.", new { Import = importId }));
