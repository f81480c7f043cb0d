using LicenseAdmin.Domain.Groups;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Groups;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services;
using LicenseAdmin.Infrastructure.Services.Groups;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests.Groups;

/// <summary>Groups, their processing and the rows to check, on a test database with the demo data.</summary>
internal sealed class GroupScenario(TestDatabase database, DemoTenant demo)
{
    public GroupService Groups => database.Services.GetRequiredService<GroupService>();
    public GroupLicenseProcessor Processor => database.Services.GetRequiredService<GroupLicenseProcessor>();

    public Task<Caller> AdminAsync() => demo.CallerAsync("licenseadmin@contoso.com");

    /// <summary>A static group with these members and products, processed.</summary>
    public async Task<Guid> LicensedGroupAsync(string name, IReadOnlyList<Guid> members, params ProductLicense[] licenses)
    {
        var admin = await AdminAsync();
        var group = await Groups.CreateAsync(admin, name, null, CancellationToken.None);
        if (members.Count > 0) await Groups.AddMembersAsync(admin, group, members, CancellationToken.None);
        await Groups.SetLicensesAsync(admin, group, licenses, CancellationToken.None);
        await ProcessAsync();
        return group;
    }

    public async Task ProcessAsync()
    {
        var run = await Processor.RunOnceAsync(CancellationToken.None);
        Assert.False(run.SkippedLeaseHeld);
    }

    public async Task<int> QueuedAsync()
    {
        await using var db = await database.Contexts.ForSystemAsync(CancellationToken.None);
        return await db.GroupLicensingQueue.IgnoreQueryFilters().CountAsync();
    }

    public async Task<(bool IsDirect, IReadOnlyList<Guid>? DirectDisabled)> SourceAsync(Guid userId, Guid productId)
    {
        await using var db = await database.Contexts.ForSystemAsync(CancellationToken.None);
        var row = await db.LicenseAssignments.IgnoreQueryFilters().SingleAsync(a => a.UserId == userId && a.ProductId == productId);
        return (row.IsDirect, row.DirectDisabledPlanIds);
    }

    public async Task<IReadOnlyList<Guid>> InheritedFromAsync(Guid userId, Guid productId)
    {
        await using var db = await database.Contexts.ForSystemAsync(CancellationToken.None);
        return await db.InheritedLicenses.IgnoreQueryFilters().Where(i => i.UserId == userId && i.ProductId == productId)
            .Select(i => i.GroupId).ToListAsync();
    }

    public async Task<GroupMember> MemberAsync(Guid groupId, Guid userId)
    {
        await using var db = await database.Contexts.ForSystemAsync(CancellationToken.None);
        return await db.GroupMembers.IgnoreQueryFilters().AsNoTracking().SingleAsync(m => m.GroupId == groupId && m.UserId == userId);
    }

    public async Task<IReadOnlyList<Domain.Administration.AuditEntry>> AuditAsync(string action)
    {
        await using var db = await database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        return await db.AuditEntries.AsNoTracking().Where(e => e.Action == action).OrderBy(e => e.Id).ToListAsync();
    }

    public static readonly Guid AudioConferencing = Guid.Parse("0c266dff-15dd-4b49-8397-2bb16070ed52");
}
