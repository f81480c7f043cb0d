namespace LicenseAdmin.Infrastructure.Services.Auditing;

/// <summary>
/// Marks a public service method that changes data without an audit entry, and says why. The architecture tests
/// require every other data-changing service method to write one.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class NotAuditedAttribute(string reason) : Attribute
{
    public string Reason { get; } = string.IsNullOrWhiteSpace(reason)
        ? throw new ArgumentException("Say why the change is not audited.", nameof(reason))
        : reason;
}
