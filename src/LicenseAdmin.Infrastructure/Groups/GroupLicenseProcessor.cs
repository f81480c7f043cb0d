using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Groups;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Hosting;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Auditing;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Security;
using LicenseAdmin.Infrastructure.Services.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LicenseAdmin.Infrastructure.Groups;

/// <summary>What one run of the processor did.</summary>
public sealed record GroupLicensingRun(bool SkippedLeaseHeld, int Batches, int Users);

/// <summary>
/// Applies group-based licensing (docs/product-rules.md, "Groups"; docs/licensing.md, "Group-based licensing"). Users
/// queued by the group service are processed in batches, each one transaction: the batch is read once, set-based
/// (<see cref="GroupBatch"/>: the users locked, then the seat counters), each user is resolved in user order by the
/// Domain's <see cref="GroupLicenseResolver"/> on the seats as they stand (including what earlier users of the batch took,
/// <see cref="GroupBatchResolution"/>), and the result is planned once more by the <see cref="LicensePlanner"/> and written by the same
/// <see cref="LicensePlanWriter"/> as a direct change: seat counters first with their conditional update (never
/// oversold), provisioning with its 30-day retention, one <i>Change user license</i> entry per changed user. The
/// sources, inherited rows and error states follow with a statement per kind of change, not per user
/// (<see cref="GroupOutcomeWriter"/>). The queue rows go in the same transaction, so a crash leaves them for the next
/// run. Only the holder of the lease runs; each round takes one batch per tenant with work, so one large tenant never
/// starves the others.
/// </summary>
public sealed class GroupLicenseProcessor(
    TenantDbContextFactory contexts, GroupLicensingLease lease, TimeProvider clock, GroupLicensingOptions options, ILogger<GroupLicenseProcessor> logger)
{
    /// <summary>The role shown in the audit log for what the processor does on an admin's behalf.</summary>
    public const string ProcessorRole = "Group license processor";

    private readonly SemaphoreSlim _oneRunAtATime = new(1, 1);
    private DateTime _lastDynamicRefresh = DateTime.MinValue;

    public string InstanceName { get; init; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Tests only: called inside a batch's transaction after everything is written, before the commit.</summary>
    internal Func<int, Task>? BeforeCommit { get; set; }

    /// <summary>Evaluates dynamic groups when due, then processes queued users until none is left.</summary>
    public async Task<GroupLicensingRun> RunOnceAsync(CancellationToken cancellationToken)
    {
        await _oneRunAtATime.WaitAsync(cancellationToken);
        try
        {
            if (!await lease.TryTakeAsync(InstanceName, cancellationToken)) return new GroupLicensingRun(true, 0, 0);
            try
            {
                var now = clock.GetUtcNow().UtcDateTime;
                if (now - _lastDynamicRefresh >= options.DynamicRefreshInterval)
                {
                    await RefreshDynamicGroupsAsync(cancellationToken);
                    _lastDynamicRefresh = now;
                }

                var batches = 0;
                var users = 0;
                while (true)
                {
                    var tenants = await TenantsWithWorkAsync(cancellationToken);
                    if (tenants.Count == 0) break;
                    foreach (var tenant in tenants)
                    {
                        users += await ProcessBatchAsync(tenant, cancellationToken);
                        batches++;
                    }
                }
                return new GroupLicensingRun(false, batches, users);
            }
            finally
            {
                await lease.ReleaseAsync(InstanceName, CancellationToken.None);
            }
        }
        finally
        {
            _oneRunAtATime.Release();
        }
    }

    /// <summary>Evaluates every dynamic group's rule again now, whatever the interval (after users changed).</summary>
    public async Task RefreshDynamicGroupsAsync(CancellationToken cancellationToken)
    {
        List<Guid> tenants;
        await using (var system = await contexts.ForSystemAsync(cancellationToken))
            tenants = await system.Groups.IgnoreQueryFilters().Where(g => g.MembershipRule != null).Select(g => g.TenantId).Distinct().ToListAsync(cancellationToken);

        foreach (var tenantId in tenants)
        {
            await using var db = await contexts.ForTenantAsync(tenantId, cancellationToken);
            await WriteTransaction.RunAsync(db, async token =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                // The users are read once for all the tenant's dynamic groups: each group's refresh only leaves or adds its
                // own members, never a user's rule properties, so every group sees the same users.
                var users = await GroupLicenseSources.RuleCandidatesAsync(db, token);
                foreach (var group in await db.Groups.Where(g => g.MembershipRule != null).ToListAsync(token))
                {
                    MembershipRule rule;
                    try
                    {
                        rule = MembershipRuleParser.Parse(group.MembershipRule);
                    }
                    catch (Domain.DomainException ex)
                    {
                        logger.LogWarning("The rule of group {Group} in tenant {Tenant} cannot be used: {Reason}", group.Id, tenantId, ex.Message);
                        continue;
                    }
                    var moved = await GroupLicenseSources.RefreshDynamicMembersAsync(db, group, rule, users, now, token);
                    if (moved.Count == 0) continue;
                    var licensed = await db.GroupLicenses.AnyAsync(l => l.GroupId == group.Id, token)
                        || await db.InheritedLicenses.AnyAsync(i => i.GroupId == group.Id, token);
                    if (!licensed) continue;
                    var requestedBy = group.ProcessingRequestedBy ?? "Dynamic membership";
                    group.MarkQueued(requestedBy);
                    await GroupLicenseSources.EnqueueAsync(db, tenantId, moved, group.Id, requestedBy, now, token);
                    logger.LogInformation("Dynamic group {Group} in tenant {Tenant}: {Moved} users joined or left", group.Id, tenantId, moved.Count);
                }
                await db.SaveChangesAsync(token);
                return true;
            }, cancellationToken);
        }
    }

    /// <summary>Tenants with queued users, the longest-waiting first.</summary>
    private async Task<IReadOnlyList<Guid>> TenantsWithWorkAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForSystemAsync(cancellationToken);
        var rows = await db.GroupLicensingQueue.IgnoreQueryFilters()
            .GroupBy(w => w.TenantId).Select(g => new { TenantId = g.Key, Oldest = g.Min(w => w.QueuedUtc) })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Oldest).Select(r => r.TenantId).ToList();
    }

    /// <summary>Processes the tenant's oldest queued users in one transaction; returns how many users it processed.</summary>
    private async Task<int> ProcessBatchAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForTenantAsync(tenantId, cancellationToken);
        var catalog = await LicensingCatalogLoader.LoadAsync(db, cancellationToken);
        return await WriteTransaction.RunAsync(db, async token =>
        {
            if (!await lease.TryRenewAsync(db, InstanceName, token))
                throw new InvalidOperationException("The group licensing lease went to another instance; this batch is rolled back.");
            var now = clock.GetUtcNow().UtcDateTime;
            // Oldest first, and within one enqueue (one time) in user order: a batch is then a run of neighbouring users,
            // whose rows sit together in the (TenantId, UserId, ...) indexes every read and write of the batch goes through.
            var work = await db.GroupLicensingQueue.AsNoTracking().OrderBy(w => w.QueuedUtc).ThenBy(w => w.UserId).ThenBy(w => w.Id).Take(options.BatchSize).ToListAsync(token);
            if (work.Count == 0) return 0;
            var requester = work[0].RequestedBy;
            var actor = new ActingAdmin(tenantId, Guid.Empty, requester, AdminRoles.None, OnBehalfRole: ProcessorRole);

            var groupIds = work.Where(w => w.GroupId is not null).Select(w => w.GroupId!.Value).Distinct().ToList();
            var startingGroups = await db.Groups.Where(g => groupIds.Contains(g.Id)).ToListAsync(token);
            foreach (var group in startingGroups.Where(g => g.ProcessingState == GroupProcessingState.Queued))
            {
                group.MarkInProgress();
                AuditTrail.Succeeded(db, ActorFor(tenantId, group.ProcessingRequestedBy ?? requester), now, AuditAction.StartGroupLicensing,
                    group.DisplayName, detail: OnBehalf(group.ProcessingRequestedBy ?? requester), targetId: group.Id);
            }

            var userIds = work.Select(w => w.UserId).Distinct().Order().ToList();
            var batch = await GroupBatch.ReadAsync(db, tenantId, userIds, token);
            var resolution = GroupBatchResolution.Resolve(catalog, batch);
            if (resolution.Targets.Count > 0)
            {
                var plan = new LicensePlanner(catalog).Plan(new LicensingState(batch.Seats, batch.Users), new UndoBulkChange(resolution.Targets));
                if (!plan.IsValid)
                    throw new InvalidOperationException("The group licensing batch does not plan: " + string.Join(" ", plan.Violations.Select(v => v.Message)));
                if (plan.HasChanges)
                    await LicensePlanWriter.WriteAsync(db, catalog, plan, actor, Guid.CreateVersion7(), now, token, OnBehalf(requester), resolution.SourceOf);
            }
            await GroupOutcomeWriter.WriteAsync(db, tenantId, userIds, batch, resolution, token);
            foreach (var chunk in work.Select(w => w.Id).Chunk(IdChunks.Size))
                await db.GroupLicensingQueue.Where(w => EF.Parameter(chunk).Contains(w.Id)).ExecuteDeleteAsync(token);

            await db.SaveChangesAsync(token);
            foreach (var group in startingGroups)
            {
                if (await db.GroupLicensingQueue.AnyAsync(w => w.GroupId == group.Id, token)) continue;
                group.MarkDone();
                var members = await db.GroupMembers.CountAsync(m => m.GroupId == group.Id, token);
                var errors = await db.GroupMembers.CountAsync(m => m.GroupId == group.Id && m.Error != null, token);
                AuditTrail.Succeeded(db, ActorFor(tenantId, group.ProcessingRequestedBy ?? requester), now, AuditAction.FinishGroupLicensing,
                    group.DisplayName, after: new { Members = members, MembersWithErrors = errors },
                    detail: OnBehalf(group.ProcessingRequestedBy ?? requester), targetId: group.Id);
            }
            await db.SaveChangesAsync(token);
            if (BeforeCommit is { } hook) await hook(work.Count);
            logger.LogInformation("Group licensing processed {Users} users of tenant {Tenant}", userIds.Count, tenantId);
            return userIds.Count;
        }, cancellationToken);
    }

    private static ActingAdmin ActorFor(Guid tenantId, string requestedBy) =>
        new(tenantId, Guid.Empty, requestedBy, AdminRoles.None, OnBehalfRole: ProcessorRole);

    private static string OnBehalf(string requestedBy) => $"Initiated by the group license processor on behalf of {requestedBy}.";
}

/// <summary>Runs the <see cref="GroupLicenseProcessor"/> every <see cref="GroupLicensingOptions.Interval"/>, unless GroupLicensing:Enabled is false.</summary>
public sealed class GroupLicensingService(GroupLicenseProcessor processor, TimeProvider clock, GroupLicensingOptions options, ILogger<GroupLicensingService> logger)
    : PeriodicBackgroundJob(clock, logger)
{
    protected override TimeSpan Interval => options.Interval;

    protected override bool IsEnabled => options.Enabled;

    protected override Task RunOnceAsync(CancellationToken stoppingToken) => processor.RunOnceAsync(stoppingToken);

    protected override void LogFailure(Exception failure, TimeSpan nextTryIn) =>
        Logger.LogWarning(failure, "Group licensing run failed; next try in {Interval}", nextTryIn);
}
