using System.Globalization;

namespace LicenseAdmin.Web.Components.Licenses;

/// <summary>One way to write an amount everywhere: invariant digits and the currency code, so a screenshot reads the same in any locale.</summary>
public static class Money
{
    public static string Format(decimal? amount, string? currency) =>
        amount is { } value ? $"{value.ToString("N2", CultureInfo.InvariantCulture)} {currency}" : "—";
}
