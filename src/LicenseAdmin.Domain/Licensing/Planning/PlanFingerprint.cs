using System.Security.Cryptography;
using System.Text;

namespace LicenseAdmin.Domain.Licensing.Planning;

/// <summary>
/// What a preview showed, in a few characters: every changed user with the licenses the plan found and the licenses
/// it writes. Applying a previewed change plans again and compares: a different request, or users whose licenses
/// changed since the preview, give a different fingerprint, and the stale preview is refused.
/// </summary>
public static class PlanFingerprint
{
    public static string Of(LicensePlan plan)
    {
        var text = new StringBuilder();
        foreach (var user in plan.ChangedUsers.OrderBy(u => u.UserId))
        {
            text.Append(user.UserId).Append('|');
            Append(text, user.Before);
            text.Append('>');
            Append(text, user.Final);
            text.Append(';');
        }
        return Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static void Append(StringBuilder text, IEnumerable<ProductLicense> licenses)
    {
        foreach (var license in licenses.OrderBy(l => l.ProductId))
        {
            text.Append(license.ProductId);
            foreach (var plan in license.DisabledPlanIds.Order()) text.Append('-').Append(plan);
            text.Append(',');
        }
    }
}

/// <summary>The change asked to be applied is not the one previewed, or the users' licenses changed since.</summary>
public sealed class StalePreviewException()
    : DomainException("StalePreview",
        "The preview is out of date: the change or the users' licenses are not what was previewed. Nothing was changed; preview again and apply that preview.");
