namespace LicenseAdmin.Infrastructure.Services.Auditing;

/// <summary>
/// Marks a public service method that is the portal's own background work: it acts for no person, so it has no
/// caller to check, and says which job it is. It still audits what it changes (<see cref="AuditTrail.BySystem"/>);
/// the architecture tests hold it to that.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SystemJobAttribute(string reason) : Attribute
{
    public string Reason { get; } = string.IsNullOrWhiteSpace(reason)
        ? throw new ArgumentException("Say which background work this is and why it acts for no person.", nameof(reason))
        : reason;
}
