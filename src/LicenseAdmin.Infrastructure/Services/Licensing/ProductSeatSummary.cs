using LicenseAdmin.Domain.Subscriptions;

namespace LicenseAdmin.Infrastructure.Services.Licensing;

/// <summary>A product's seats in one tenant (docs/product-rules.md, "Seats").</summary>
public sealed record ProductSeatSummary(
    Guid ProductId,
    string DisplayName,
    string PartNumber,
    int Total,
    int Assigned,
    SubscriptionStatus Status,
    DateTime NextRenewalUtc)
{
    public int Available => Total - Assigned;

    /// <summary>Assigned exceeds total: a reduced or expired subscription left users holding seats that are not paid for.</summary>
    public bool HasConflict => Assigned > Total;
}
