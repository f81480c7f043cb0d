using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Groups;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Groups;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services.Groups;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Subscriptions;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LicenseAdmin.Infrastructure.Tests.Concurrency;

/// <summary>
/// Group-based licensing on a server database while everything really runs at once: the group license processors of
/// two hosts (each its own service provider, lease store and connections) and admins assigning the same product
/// directly, all racing for its last seats, while more members join the group. Both hosts keep starting runs, so the
/// lease decides which one processes; small batches make the processing take the seats in many transactions that
/// overlap the admins' assignments. With the seat counter's conditional update removed this test oversold the product
/// (54 and 51 of 50 seats); with the lease always granted both hosts processed the same members (73-80 of 40).
/// </summary>
[Trait(TestProvider.Trait, TestProvider.PostgreSql)]
public sealed class GroupLicensingRaceTests : DemoDatabaseTest
{
    private const int FreeSeats = 30;
    private const int Members = 40;
    private const int DirectAssigns = 20;
    private const int BatchSize = 7;
    private const int LateJoiners = 15;
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task TwoHostsProcessingAGroup_WhileAdminsAssignDirectly_NeverOversell_AndProcessEachMemberOnce()
    {
        var admin = await Demo.CallerAsync("licenseadmin@contoso.com");
        var (total, assigned, _) = await Demo.SeatsAsync(DemoTenant.E3);
        if (total - assigned < FreeSeats)
        {
            var billing = await Demo.CallerAsync("admin@contoso.com");
            await Database.Services.GetRequiredService<SubscriptionService>().BuyAsync(billing, DemoTenant.E3, FreeSeats - (total - assigned), null, None);
        }
        var (totalBefore, assignedBefore, _) = await Demo.SeatsAsync(DemoTenant.E3);
        Assert.Equal(FreeSeats, totalBefore - assignedBefore);

        var people = (await Demo.UnlicensedPeopleAsync(Members + DirectAssigns)).Select(u => u.Id).ToList();
        Assert.Equal(Members + DirectAssigns, people.Count);
        var members = people.Take(Members).ToList();
        var direct = people.Skip(Members).ToList();
        var groups = Database.Services.GetRequiredService<GroupService>();
        var group = await groups.CreateAsync(admin, "Sales", null, None);
        await groups.AddMembersAsync(admin, group, members.Skip(LateJoiners).ToList(), None);
        await using var secondHost = Database.AnotherInstance(out _);
        var processors = new[] { ProcessorOf(Database.Services), ProcessorOf(secondHost) };
        // A first run with nothing queued does each host's one-time work (the dynamic refresh, warming up), so the
        // processing itself overlaps the admins.
        foreach (var processor in processors) await processor.RunOnceAsync(None);
        await groups.SetLicensesAsync(admin, group, [ProductLicense.AllPlansOn(DemoTenant.E3)], None);
        var licenses = Database.Services.GetRequiredService<LicenseService>();
        var queueEmpty = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The rest of the members join while the processors run, so a later run (of either host) picks them up.
        var joining = Task.Run(async () =>
        {
            await gate.Task;
            await Task.Delay(150);
            await groups.AddMembersAsync(admin, group, members.Take(LateJoiners).ToList(), None);
        });
        // Each host runs until the queue is empty once everyone joined, as its hosted service would every few seconds.
        var hostRuns = processors.Select(processor => Task.Run(async () =>
        {
            await gate.Task;
            var runs = new List<GroupLicensingRun>();
            while (!queueEmpty.Task.IsCompleted)
            {
                var run = await processor.RunOnceAsync(None);
                runs.Add(run);
                if (run.SkippedLeaseHeld) await Task.Delay(5);
                if (joining.IsCompleted && await QueuedAsync() == 0) queueEmpty.TrySetResult();
            }
            return runs;
        })).ToList();
        // The admins' assignments are spread over the processing, each on its own connection.
        var assigns = direct.Select((user, i) => Task.Run(async () =>
        {
            await gate.Task;
            await Task.Delay(i * 15);
            try
            {
                await licenses.AssignAsync(admin, user, DemoTenant.E3, null, None);
                return true;
            }
            catch (DomainException)
            {
                return false;
            }
        })).ToList();
        gate.SetResult();
        await joining;
        var runs = (await Task.WhenAll(hostRuns)).SelectMany(r => r).ToList();
        var directWins = (await Task.WhenAll(assigns)).Count(won => won);

        // Never oversold, and the counter is the real count; the seats all went (more were wanted than there are).
        var (totalAfter, counter, real) = await Demo.SeatsAsync(DemoTenant.E3);
        Assert.Equal((totalBefore, totalBefore, totalBefore), (totalAfter, counter, real));

        // Each member processed exactly once: holds the product from the group, or has a CountViolation and nothing.
        Assert.Equal(Members, runs.Sum(r => r.Users));
        var states = await MemberStatesAsync(group);
        var holders = members.Where(m => states[m].Holds).ToList();
        Assert.All(members, m => Assert.True(states[m].Holds ^ states[m].Error == GroupLicenseError.CountViolation,
            $"member {m}: holds {states[m].Holds}, error {states[m].Error}"));
        Assert.All(holders, m => Assert.Null(states[m].Error));
        Assert.Equal(FreeSeats, holders.Count + directWins);
        Assert.Equal(holders.Order(), await ChangedByProcessorAsync());
        Assert.Equal(GroupProcessingState.Done, (await groups.ListAsync(admin, None)).Single(g => g.Id == group).ProcessingState);
        // The late joiners may be processed in the first round or in one of their own (queued again while a round was in
        // progress, the group gets another Start entry then); the last Finish entry counts every member.
        var finishes = await AuditAsync(AuditAction.FinishGroupLicensing);
        Assert.InRange(finishes.Count, 1, (await AuditAsync(AuditAction.StartGroupLicensing)).Count);
        Assert.Contains($"\"members\":{Members},\"membersWithErrors\":{Members - holders.Count}", finishes.OrderBy(e => e.Id).Last().After);
    }

    private static GroupLicenseProcessor ProcessorOf(IServiceProvider host) => new(
        host.GetRequiredService<TenantDbContextFactory>(), host.GetRequiredService<GroupLicensingLease>(), host.GetRequiredService<TimeProvider>(),
        new GroupLicensingOptions { BatchSize = BatchSize }, NullLogger<GroupLicenseProcessor>.Instance);

    private async Task<int> QueuedAsync()
    {
        await using var db = await Database.Contexts.ForSystemAsync(None);
        return await db.GroupLicensingQueue.IgnoreQueryFilters().CountAsync();
    }

    private async Task<Dictionary<Guid, (bool Holds, GroupLicenseError? Error)>> MemberStatesAsync(Guid groupId)
    {
        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, None);
        var inheriting = await db.InheritedLicenses.Where(i => i.GroupId == groupId && i.ProductId == DemoTenant.E3).Select(i => i.UserId).ToListAsync();
        var holding = await db.LicenseAssignments.Where(a => a.ProductId == DemoTenant.E3 && !a.IsDirect).Select(a => a.UserId).ToListAsync();
        Assert.Equal(inheriting.Order(), holding.Order());
        return await db.GroupMembers.Where(m => m.GroupId == groupId)
            .ToDictionaryAsync(m => m.UserId, m => (inheriting.Contains(m.UserId), m.Error));
    }

    /// <summary>The users the processor wrote a <i>Change user license</i> entry for, one each.</summary>
    private async Task<List<Guid>> ChangedByProcessorAsync()
    {
        var entries = await AuditAsync(AuditAction.ChangeUserLicense);
        var byProcessor = entries.Where(e => e.Detail != null && e.Detail.StartsWith("Initiated by the group license processor")).ToList();
        Assert.All(byProcessor, e => Assert.NotNull(e.TargetId));
        return byProcessor.Select(e => e.TargetId!.Value).Order().ToList();
    }

    private async Task<List<AuditEntry>> AuditAsync(string action)
    {
        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, None);
        return await db.AuditEntries.AsNoTracking().Where(e => e.Action == action).ToListAsync();
    }
}
