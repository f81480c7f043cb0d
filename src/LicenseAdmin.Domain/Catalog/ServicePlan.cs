namespace LicenseAdmin.Domain.Catalog;

/// <summary>One service inside a product, e.g. EXCHANGE_S_ENTERPRISE. Shared by every tenant.</summary>
public sealed class ServicePlan
{
    public ServicePlan(Guid id, string name, string friendlyName)
    {
        if (id == Guid.Empty) throw new ArgumentException("A service plan needs an id.", nameof(id));
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Id = id;
        Name = name.Trim();
        FriendlyName = string.IsNullOrWhiteSpace(friendlyName) ? Name : friendlyName.Trim();
        Family = ServiceFamilyClassifier.Classify(Name);
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public string FriendlyName { get; private set; }
    public ServiceFamily Family { get; private set; }

    public void Rename(string name, string friendlyName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
        FriendlyName = string.IsNullOrWhiteSpace(friendlyName) ? Name : friendlyName.Trim();
        Family = ServiceFamilyClassifier.Classify(Name);
    }
}
