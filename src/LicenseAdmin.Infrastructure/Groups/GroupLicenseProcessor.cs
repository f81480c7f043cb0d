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
/// queued by the group service are processed in batches, each one transaction: the users are locked, each is resolved
/// by the Domain's <see cref="GroupLicenseResolver"/> on the seats as they stand (including what earlier users of the
/// batch took), and the result is planned once more by the <see cref="LicensePlanner"/> and written by the same
/// <see cref="LicensePlanWriter"/> as a direct change: seat counters first with their conditional update (never
/// oversold), provisioning with its 30-day retention, one <i>Change user license</i> entry per changed user. The queue
/// rows go in the same transaction, so a crash leaves them for the next run. Only the holder of the lease runs; each
/// round takes one batch per tenant with work, so one large tenant never starves the others.
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
                    var moved = await GroupLicenseSources.RefreshDynamicMembersAsync(db, group, rule, now, token);
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
            var work = await db.GroupLicensingQueue.AsNoTracking().OrderBy(w => w.QueuedUtc).ThenBy(w => w.Id).Take(options.BatchSize).ToListAsync(token);
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
            // Locks the users (server databases) and reads them after the lock, as every license change does.
            var users = await LicensingStateLoader.UsersAsync(db, UserSelection.Of(userIds), includeDeleted: true, token);
            var seats = await LicensingStateLoader.SeatsAsync(db, token);
            var running = seats.ToDictionary(s => s.ProductId);
            var held = await HeldAsync(db, userIds, token);
            var memberships = await MembershipsAsync(db, userIds, token);
            var grants = await GrantsAsync(db, memberships.Select(m => m.GroupId).Distinct().ToList(), token);

            var resolver = new GroupLicenseResolver(catalog);
            var targets = new List<UserLicenses>();
            var resolved = new List<(UserLicenseState User, MemberSources Sources, MemberResolution Result)>();
            foreach (var user in users)
            {
                var mine = memberships.Where(m => m.UserId == user.UserId).ToList();
                if (user.IsDeleted)
                {
                    foreach (var member in mine) member.SetError(null, null);
                    continue;
                }
                var direct = held.GetValueOrDefault(user.UserId, []).Where(a => a.IsDirect)
                    .ToDictionary(a => a.ProductId, a => (IReadOnlySet<Guid>)(a.DirectDisabledPlanIds ?? a.DisabledPlanIds).ToHashSet());
                var sources = new MemberSources(user, direct, mine.Where(m => grants.ContainsKey(m.GroupId)).Select(m => grants[m.GroupId]).ToList());
                var result = resolver.Resolve(sources, running.Values);
                foreach (var outcome in result.Groups)
                    mine.Single(m => m.GroupId == outcome.GroupId).SetError(outcome.Error, outcome.Reason?.ToString());
                Move(running, user.Licenses, result.Final);
                targets.Add(new UserLicenses(user.UserId, result.Final));
                resolved.Add((user, sources, result));
            }

            if (targets.Count > 0)
            {
                var plan = new LicensePlanner(catalog).Plan(new LicensingState(seats, users), new UndoBulkChange(targets));
                if (!plan.IsValid)
                    throw new InvalidOperationException("The group licensing batch does not plan: " + string.Join(" ", plan.Violations.Select(v => v.Message)));
                if (plan.HasChanges)
                    await LicensePlanWriter.WriteAsync(db, catalog, plan, actor, Guid.NewGuid(), now, token, OnBehalf(requester));
            }

            await WriteSourcesAsync(db, tenantId, userIds, held, resolved, token);
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

    /// <summary>Counts what a user's new licenses take and give back, so the next user of the batch sees the seats left.</summary>
    private static void Move(Dictionary<Guid, ProductSeatState> seats, IReadOnlyList<ProductLicense> before, IReadOnlyList<ProductLicense> after)
    {
        var had = before.Select(l => l.ProductId).ToHashSet();
        var has = after.Select(l => l.ProductId).ToHashSet();
        foreach (var added in has.Except(had))
            if (seats.TryGetValue(added, out var s)) seats[added] = s with { AssignedSeats = s.AssignedSeats + 1 };
        foreach (var removed in had.Except(has))
            if (seats.TryGetValue(removed, out var s)) seats[removed] = s with { AssignedSeats = s.AssignedSeats - 1 };
    }

    private sealed record Held(Guid ProductId, bool IsDirect, IReadOnlyList<Guid> DisabledPlanIds, IReadOnlyList<Guid>? DirectDisabledPlanIds);

    private static async Task<Dictionary<Guid, List<Held>>> HeldAsync(AppDbContext db, IReadOnlyList<Guid> userIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<Guid, List<Held>>();
        foreach (var chunk in userIds.Chunk(IdChunks.Size))
        {
            var rows = await db.LicenseAssignments.AsNoTracking().Where(a => EF.Parameter(chunk).Contains(a.UserId))
                .Select(a => new { a.UserId, a.ProductId, a.IsDirect, a.DisabledPlanIds, a.DirectDisabledPlanIds }).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                if (!result.TryGetValue(row.UserId, out var list)) result[row.UserId] = list = [];
                list.Add(new Held(row.ProductId, row.IsDirect, row.DisabledPlanIds, row.DirectDisabledPlanIds));
            }
        }
        return result;
    }

    private static async Task<List<GroupMember>> MembershipsAsync(AppDbContext db, IReadOnlyList<Guid> userIds, CancellationToken cancellationToken)
    {
        var result = new List<GroupMember>();
        foreach (var chunk in userIds.Chunk(IdChunks.Size))
            result.AddRange(await db.GroupMembers.Where(m => EF.Parameter(chunk).Contains(m.UserId)).ToListAsync(cancellationToken));
        return result;
    }

    private static async Task<Dictionary<Guid, GroupGrant>> GrantsAsync(AppDbContext db, IReadOnlyList<Guid> groupIds, CancellationToken cancellationToken)
    {
        var groups = await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).Select(g => new { g.Id, g.DisplayName }).ToListAsync(cancellationToken);
        var licenses = (await db.GroupLicenses.AsNoTracking().Where(l => groupIds.Contains(l.GroupId)).ToListAsync(cancellationToken))
            .ToLookup(l => l.GroupId, l => new ProductLicense(l.ProductId, l.DisabledPlanIds));
        return groups.ToDictionary(g => g.Id, g => new GroupGrant(g.Id, g.DisplayName, licenses[g.Id].OrderBy(l => l.ProductId).ToList()));
    }

    /// <summary>
    /// Records where each license now comes from: the inherited rows of the batch's users are replaced, and each
    /// assignment says whether it is direct and keeps the direct plans while it is also inherited.
    /// </summary>
    private static async Task WriteSourcesAsync(
        AppDbContext db, Guid tenantId, IReadOnlyList<Guid> userIds, Dictionary<Guid, List<Held>> held,
        List<(UserLicenseState User, MemberSources Sources, MemberResolution Result)> resolved, CancellationToken cancellationToken)
    {
        foreach (var chunk in userIds.Chunk(IdChunks.Size))
            await db.InheritedLicenses.Where(i => EF.Parameter(chunk).Contains(i.UserId)).ExecuteDeleteAsync(cancellationToken);
        var rows = resolved.SelectMany(r => r.Result.InheritedFrom.SelectMany(p => p.Value.Select(g => new InheritedLicense(r.User.UserId, p.Key, g, tenantId))))
            .ToList();
        await BulkInsert.InsertAsync(db, rows, cancellationToken);

        foreach (var (user, sources, result) in resolved)
        {
            var before = held.GetValueOrDefault(user.UserId, []).ToDictionary(h => h.ProductId);
            foreach (var license in result.Final)
            {
                var isDirect = sources.Direct.TryGetValue(license.ProductId, out var directDisabled);
                IReadOnlyList<Guid>? keep = isDirect && result.InheritedFrom.ContainsKey(license.ProductId) ? directDisabled!.Order().ToList() : null;
                if (before.TryGetValue(license.ProductId, out var old) && old.IsDirect == isDirect
                    && (old.DirectDisabledPlanIds ?? []).SequenceEqual(keep ?? []) && (old.DirectDisabledPlanIds is null) == (keep is null))
                    continue;
                var productId = license.ProductId;
                var userId = user.UserId;
                await db.LicenseAssignments.Where(a => a.UserId == userId && a.ProductId == productId)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.IsDirect, isDirect).SetProperty(a => a.DirectDisabledPlanIds, keep), cancellationToken);
            }
        }
    }
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
