using System.Globalization;
using LicenseAdmin.Domain.Subscriptions;

namespace LicenseAdmin.Web.Components.Licenses;

/// <summary>One way to write an amount everywhere: invariant digits and the currency code, so a screenshot reads the same in any locale.</summary>
public static class Money
{
    public static string Format(decimal? amount, string? currency) =>
        amount is { } value ? $"{value.ToString("N2", CultureInfo.InvariantCulture)} {currency}" : "—";

    /// <summary>Amounts in several currencies side by side ("120.00 USD + 80.00 EUR"), never added up.</summary>
    public static string Format(IReadOnlyList<CurrencyAmount>? amounts) =>
        amounts is null or { Count: 0 } ? "—" : string.Join(" + ", amounts.Select(a => Format(a.Amount, a.Currency)));
}
