namespace LicenseAdmin.Domain.Subscriptions;

/// <summary>
/// The seat rule's guard: one row per tenant and product holding total and assigned seats.
/// Services take seats with a conditional UPDATE (assigned + n &lt;= total) inside the transaction
/// that writes the assignments, so two admins can never both take the last seat, on SQLite or SQL Server.
/// </summary>
public sealed class ProductSeatCounter(Guid tenantId, Guid productId, int totalSeats, int assignedSeats) : ITenantOwned
{
    public Guid TenantId { get; private set; } = tenantId;
    public Guid ProductId { get; private set; } = productId;
    public int TotalSeats { get; private set; } = totalSeats;
    public int AssignedSeats { get; private set; } = assignedSeats;
    public int AvailableSeats => TotalSeats - AssignedSeats;
}
