namespace LicenseAdmin.Infrastructure.Retention;

/// <summary>
/// A row that says which instance of a farm may purge until when. Taken and renewed with a conditional UPDATE,
/// so two instances never purge at the same time; an instance that died stops renewing and its lease expires.
/// </summary>
public sealed class PurgeLease
{
    private PurgeLease()
    {
        Name = Holder = string.Empty;
    }

    public PurgeLease(string name, string holder, DateTime expiresUtc)
    {
        Name = name;
        Holder = holder;
        ExpiresUtc = expiresUtc;
    }

    public string Name { get; private set; }
    public string Holder { get; private set; }
    public DateTime ExpiresUtc { get; private set; }
}
