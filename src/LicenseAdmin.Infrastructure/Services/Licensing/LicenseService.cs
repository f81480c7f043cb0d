using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Auditing;
using LicenseAdmin.Infrastructure.Services.Security;
using LicenseAdmin.Infrastructure.Services.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LicenseAdmin.Infrastructure.Services.Licensing;

/// <summary>
/// Every license change of a tenant goes through here: single assign, plan change and removal, bulk
/// preview and apply, and undo. Each change is planned by the pure <see cref="LicensePlanner"/> on state read
/// inside the write transaction and written all or nothing.
/// </summary>
public sealed class LicenseService(TenantDbContextFactory contexts, AuditedChanges changes, ILogger<LicenseService> logger)
{
    public Task<LicenseChangeResult> AssignAsync(Caller caller, Guid userId, Guid productId, IEnumerable<Guid>? disabledPlanIds, CancellationToken cancellationToken) =>
        ApplyAsync(caller, UserSelection.Of([userId]), ids => new AssignLicense(ids, new ProductLicense(productId, disabledPlanIds)),
            "Assign license", cancellationToken);

    /// <summary>The new disabled set replaces the product's old one (Graph's semantics).</summary>
    public Task<LicenseChangeResult> ChangePlansAsync(Caller caller, Guid userId, Guid productId, IEnumerable<Guid> disabledPlanIds, CancellationToken cancellationToken) =>
        ApplyAsync(caller, UserSelection.Of([userId]), ids => new ChangeDisabledPlans(ids, new ProductLicense(productId, disabledPlanIds)),
            "Change service plans", cancellationToken);

    public Task<LicenseChangeResult> RemoveAsync(Caller caller, Guid userId, Guid productId, CancellationToken cancellationToken) =>
        ApplyAsync(caller, UserSelection.Of([userId]), ids => new RemoveLicense(ids, productId), "Remove license", cancellationToken);

    /// <summary>
    /// The user panel's "Save changes": the user ends with exactly these products and plans, in one
    /// all-or-nothing change (toggling one product never half-applies another).
    /// </summary>
    public Task<LicenseChangeResult> SetLicensesAsync(Caller caller, Guid userId, IReadOnlyList<ProductLicense> products, CancellationToken cancellationToken) =>
        ApplyAsync(caller, UserSelection.Of([userId]),
            ids => products.Count == 0 ? new RemoveAllLicenses(ids) : new ReplaceLicenses(ids, products),
            "Change user licenses", cancellationToken);

    /// <summary>What a bulk change would do, per user and per product, with every violation. Writes nothing.</summary>
    public async Task<LicensePlan> PreviewAsync(Caller caller, BulkLicenseRequest request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        await CallerGuard.RequireToReadAsync(db, caller, Permission.AssignLicenses, cancellationToken);
        var catalog = await LicensingCatalogLoader.LoadAsync(db, cancellationToken);
        var plan = await PlanAsync(db, catalog, request.Users, request.ToChange, cancellationToken);
        return plan;
    }

    /// <summary>Applies a bulk change all or nothing. The same request applied twice changes nothing the second time.</summary>
    public Task<LicenseChangeResult> ApplyAsync(Caller caller, BulkLicenseRequest request, CancellationToken cancellationToken) =>
        ApplyAsync(caller, request.Users, request.ToChange, request.Describe(), cancellationToken);

    /// <summary>Returns every user of an operation to the licenses they had before it, while seats allow.</summary>
    public Task<LicenseChangeResult> UndoAsync(Caller caller, Guid operationId, CancellationToken cancellationToken) =>
        changes.RunAsync(Change(caller, _ => Task.FromResult($"License change {operationId}")), LoadCatalogAsync(cancellationToken),
            async (db, admin, now, catalog) =>
            {
                var operation = await db.LicenseOperations.SingleOrDefaultAsync(o => o.Id == operationId, cancellationToken)
                    ?? throw new LicenseChangeNotFoundException(operationId);
                operation.EnsureNotUndone();

                // Each user's audit entry of the operation holds the licenses they had before it.
                var targets = (await db.AuditEntries.AsNoTracking()
                        .Where(e => e.OperationId == operationId && e.Action == AuditAction.ChangeUserLicense && e.Outcome == AuditOutcome.Succeeded)
                        .Select(e => new { e.TargetId, e.Before })
                        .ToListAsync(cancellationToken))
                    .Where(e => e.TargetId is not null)
                    .Select(e => new UserLicenses(e.TargetId!.Value,
                        (AuditTrail.FromJson<List<AuditedLicense>>(e.Before) ?? []).Select(l => new ProductLicense(l.ProductId, l.DisabledPlanIds)).ToList()))
                    .ToList();

                return await CommitAsync(db, catalog, admin, now, UserSelection.Of(targets.Select(t => t.UserId)), _ => new UndoBulkChange(targets),
                    $"Undo: {operation.Kind}", operation, cancellationToken);
            }, cancellationToken);

    private Task<LicenseChangeResult> ApplyAsync(
        Caller caller, UserSelection selection, Func<IReadOnlyList<Guid>, LicenseChange> change, string kind, CancellationToken cancellationToken) =>
        changes.RunAsync(Change(caller, db => selection.DescribeAsync(db, cancellationToken)), LoadCatalogAsync(cancellationToken),
            (db, admin, now, catalog) => CommitAsync(db, catalog, admin, now, selection, change, kind, undone: null, cancellationToken),
            cancellationToken);

    private static AuditedChange Change(Caller caller, Func<AppDbContext, Task<string>> target) =>
        new(caller, Permission.AssignLicenses, AuditAction.ChangeUserLicense, target, () => new ConcurrentLicenseChangeException());

    /// <summary>The catalog is shared and changes only by import, not with assignments, so it is read before the write transaction.</summary>
    private static Func<AppDbContext, Task<LicensingCatalog>> LoadCatalogAsync(CancellationToken cancellationToken) =>
        db => LicensingCatalogLoader.LoadAsync(db, cancellationToken);

    /// <summary>Plans the change on the state read inside the transaction and writes it; an undo also marks what it undid.</summary>
    private async Task<LicenseChangeResult> CommitAsync(
        AppDbContext db, LicensingCatalog catalog, ActingAdmin admin, DateTime now, UserSelection selection,
        Func<IReadOnlyList<Guid>, LicenseChange> change, string kind, LicenseOperation? undone, CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(db, catalog, selection, change, cancellationToken);
        if (!plan.IsValid) throw new LicenseChangeRefusedException(plan.Violations);
        if (!plan.HasChanges) return new LicenseChangeResult(null, 0, plan.Users.Count, plan.Seats);

        var operationId = Guid.NewGuid();
        var changedCount = plan.ChangedUsers.Count();
        db.LicenseOperations.Add(new LicenseOperation(operationId, admin.TenantId, kind, now, admin.Upn, changedCount, undone?.Id));
        // An undo racing another undo of the same operation loses here, with the same refusal as the check before it.
        undone?.MarkUndone(operationId);
        await LicensePlanWriter.WriteAsync(db, catalog, plan, admin, operationId, now, cancellationToken);

        logger.LogInformation("{Actor} applied {Kind} ({Operation}) for tenant {Tenant}: {Changed} users changed, {Unchanged} unchanged",
            admin.Upn, kind, operationId, admin.TenantId, changedCount, plan.Users.Count - changedCount);
        return new LicenseChangeResult(operationId, changedCount, plan.Users.Count - changedCount, plan.Seats);
    }

    private static async Task<LicensePlan> PlanAsync(
        AppDbContext db, LicensingCatalog catalog, UserSelection selection, Func<IReadOnlyList<Guid>, LicenseChange> change,
        CancellationToken cancellationToken)
    {
        var seats = await LicensingStateLoader.SeatsAsync(db, cancellationToken);
        var users = await LicensingStateLoader.UsersAsync(db, selection, includeDeleted: selection.UserIds is not null, cancellationToken);
        // Ids the tenant does not have stay in the change, so the planner names them (UserNotFound).
        var ids = selection.UserIds ?? users.Select(u => u.UserId).ToList();
        return new LicensePlanner(catalog).Plan(new LicensingState(seats, users), change(ids));
    }

}

/// <summary>Undo names an operation the tenant does not have.</summary>
public sealed class LicenseChangeNotFoundException(Guid operationId)
    : Domain.DomainException(new Domain.DomainMessage("OperationNotFound", "There is no license change {Operation} in this organisation.",
        new { Operation = operationId }));

public sealed class ConcurrentLicenseChangeException()
    : Domain.DomainException("ConcurrentChange", "Another admin changed the licenses of these users at the same time. Nothing was changed; review the users and try again.");
