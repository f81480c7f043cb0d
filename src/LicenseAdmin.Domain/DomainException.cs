namespace LicenseAdmin.Domain;

/// <summary>
/// A rule of the product was broken. <see cref="Code"/> is a stable machine-readable name
/// (Microsoft's error code where one exists); <see cref="Exception.Message"/> is the sentence an admin reads.
/// </summary>
public class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
