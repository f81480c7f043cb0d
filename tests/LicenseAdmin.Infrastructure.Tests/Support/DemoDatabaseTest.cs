namespace LicenseAdmin.Infrastructure.Tests.Support;

/// <summary>A test class with its own copy of the seeded demo database and the lookups into it.</summary>
public abstract class DemoDatabaseTest : IAsyncLifetime
{
    protected TestDatabase Database { get; private set; } = null!;
    protected DemoTenant Demo { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Demo = new DemoTenant(Database);
    }

    public virtual Task DisposeAsync() => Database.DisposeAsync().AsTask();
}
