namespace LicenseAdmin.Domain.Subscriptions;

/// <summary>An amount of money in one currency. Amounts in different currencies are never added together.</summary>
public sealed record CurrencyAmount(string Currency, decimal Amount)
{
    /// <summary>One total per currency, ordered by currency code so every page lists them alike.</summary>
    public static IReadOnlyList<CurrencyAmount> TotalsPerCurrency(IEnumerable<CurrencyAmount> amounts) =>
        amounts.GroupBy(a => a.Currency, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CurrencyAmount(g.Key, g.Sum(a => a.Amount)))
            .ToList();
}
