using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Licensing.Planning;

namespace LicenseAdmin.Infrastructure.Services.Licensing;

/// <summary>
/// A license change broke one or more rules, so nothing was written. <see cref="Violations"/> lists every one;
/// the message joins their sentences.
/// </summary>
public sealed class LicenseChangeRefusedException(IReadOnlyList<Violation> violations)
    : DomainException(Describe(violations))
{
    public IReadOnlyList<Violation> Violations { get; } = violations;

    private const int MaxListed = 10;

    private static DomainMessage Describe(IReadOnlyList<Violation> violations)
    {
        var code = violations.Count > 0 ? violations[0].Code.ToString() : "Refused";
        var listed = DomainMessage.Join(" ", violations.Take(MaxListed).Select(v => v.Reason));
        return violations.Count > MaxListed
            ? new DomainMessage(code, "Nothing was changed. {Problems} … and {More} more problems.", new { Problems = listed, More = violations.Count - MaxListed })
            : new DomainMessage(code, "Nothing was changed. {Problems}", new { Problems = listed });
    }
}
