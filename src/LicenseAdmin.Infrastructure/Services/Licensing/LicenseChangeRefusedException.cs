using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Licensing.Planning;

namespace LicenseAdmin.Infrastructure.Services.Licensing;

/// <summary>
/// A license change broke one or more rules, so nothing was written. <see cref="Violations"/> lists every one;
/// the message joins their sentences.
/// </summary>
public sealed class LicenseChangeRefusedException(IReadOnlyList<Violation> violations)
    : DomainException(violations.Count > 0 ? violations[0].Code.ToString() : "Refused", Describe(violations))
{
    public IReadOnlyList<Violation> Violations { get; } = violations;

    private const int MaxListed = 10;

    private static string Describe(IReadOnlyList<Violation> violations)
    {
        var listed = string.Join(" ", violations.Take(MaxListed).Select(v => v.Message));
        var more = violations.Count > MaxListed ? $" … and {violations.Count - MaxListed} more problems." : string.Empty;
        return $"Nothing was changed. {listed}{more}";
    }
}
