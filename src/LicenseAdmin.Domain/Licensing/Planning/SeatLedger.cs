namespace LicenseAdmin.Domain.Licensing.Planning;

/// <summary>Counts, per product, the assignments a change adds and releases, and turns them into seat demand.</summary>
internal sealed class SeatLedger(LicensingCatalog catalog, LicensingState state)
{
    private readonly Dictionary<Guid, (int Needed, int Released)> _counts = [];

    public void Take(Guid productId) => Update(productId, 1, 0);

    public void Release(Guid productId) => Update(productId, 0, 1);

    /// <summary>Takes a seat only while one is free after what this change took and released so far; a restore never oversells.</summary>
    public bool TryTake(Guid productId)
    {
        _counts.TryGetValue(productId, out var count);
        if (state.SeatsOf(productId).AvailableSeats + count.Released - count.Needed <= 0) return false;
        Take(productId);
        return true;
    }

    /// <summary>Gives back a seat taken by this change that is not used after all.</summary>
    public void Untake(Guid productId) => Update(productId, -1, 0);

    public IReadOnlyList<SeatDemand> Demand() =>
        _counts.Select(c => new SeatDemand(c.Key, NameOf(c.Key), c.Value.Needed, c.Value.Released, state.SeatsOf(c.Key).AvailableSeats))
            .ToList();

    /// <summary>One CountViolation per product that lacks seats, after counting seats the same change releases.</summary>
    public IEnumerable<Violation> Shortages() =>
        Demand().Where(d => !d.IsSatisfied && catalog.TryGetProduct(d.ProductId, out _))
            .Select(d =>
            {
                catalog.TryGetProduct(d.ProductId, out var product);
                return ViolationMessages.NotEnoughSeats(product, d.SeatsNeeded, d.SeatsAvailable);
            });

    private void Update(Guid productId, int needed, int released)
    {
        _counts.TryGetValue(productId, out var count);
        _counts[productId] = (count.Needed + needed, count.Released + released);
    }

    private string NameOf(Guid productId) =>
        catalog.TryGetProduct(productId, out var product) ? product.DisplayName : productId.ToString();
}
