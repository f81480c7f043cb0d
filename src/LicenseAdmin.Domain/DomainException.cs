namespace LicenseAdmin.Domain;

/// <summary>
/// A rule of the product was broken. <see cref="Code"/> is a stable machine-readable name
/// (Microsoft's error code where one exists); <see cref="Exception.Message"/> is the English sentence an admin reads,
/// and <see cref="Reason"/> the same sentence in parts, so the portal can word it in the admin's language.
/// </summary>
public class DomainException(DomainMessage reason) : Exception(reason.ToString())
{
    /// <summary>A sentence without values: the text is its own template.</summary>
    public DomainException(string code, string message) : this(new DomainMessage(code, message))
    {
    }

    public string Code => Reason.Code;

    public DomainMessage Reason { get; } = reason;
}
