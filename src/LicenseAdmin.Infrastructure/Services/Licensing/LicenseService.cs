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
public sealed class LicenseService(TenantDbContextFactory contexts, TimeProvider clock, ILogger<LicenseService> logger)
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
    public async Task<LicenseChangeResult> UndoAsync(Caller caller, Guid operationId, CancellationToken cancellationToken)
    {
        var target = $"License change {operationId}";
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var admin = await CallerGuard.RequireAsync(db, caller, Permission.AssignLicenses, AuditAction.ChangeUserLicense, target, now, cancellationToken);
        var operation = await db.LicenseOperations.SingleOrDefaultAsync(o => o.Id == operationId, cancellationToken)
            ?? throw new LicenseChangeNotFoundException(operationId);
        if (operation.IsUndone)
        {
            var undone = new AlreadyUndoneException(operation);
            await RefuseAsync(db, admin, now, target, undone, cancellationToken);
            throw undone;
        }

        // Each user's audit entry of the operation holds the licenses they had before it.
        var targets = (await db.AuditEntries.AsNoTracking()
                .Where(e => e.OperationId == operationId && e.Action == AuditAction.ChangeUserLicense && e.Outcome == AuditOutcome.Succeeded)
                .Select(e => new { e.TargetId, e.Before })
                .ToListAsync(cancellationToken))
            .Where(e => e.TargetId is not null)
            .Select(e => new UserLicenses(e.TargetId!.Value,
                (AuditTrail.FromJson<List<AuditedLicense>>(e.Before) ?? []).Select(l => new ProductLicense(l.ProductId, l.DisabledPlanIds)).ToList()))
            .ToList();

        return await CommitAsync(db, admin, now, UserSelection.Of(targets.Select(t => t.UserId)), _ => new UndoBulkChange(targets),
            $"Undo: {operation.Kind}", target, operationId, cancellationToken);
    }

    private async Task<LicenseChangeResult> ApplyAsync(
        Caller caller, UserSelection selection, Func<IReadOnlyList<Guid>, LicenseChange> change, string kind, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var target = await selection.DescribeAsync(db, cancellationToken);
        var admin = await CallerGuard.RequireAsync(db, caller, Permission.AssignLicenses, AuditAction.ChangeUserLicense, target, now, cancellationToken);
        return await CommitAsync(db, admin, now, selection, change, kind, target, null, cancellationToken);
    }

    private async Task<LicenseChangeResult> CommitAsync(
        AppDbContext db, ActingAdmin admin, DateTime now, UserSelection selection, Func<IReadOnlyList<Guid>, LicenseChange> change,
        string kind, string target, Guid? undoOf, CancellationToken cancellationToken)
    {
        try
        {
            // The catalog is shared and changes only by import, not with assignments, so it is read before the write
            // transaction: on SQLite that transaction holds the database's one write lock, and every racing admin waits.
            var catalog = await LicensingCatalogLoader.LoadAsync(db, cancellationToken);
            var (result, changedCount, plannedUsers) = await WriteTransaction.RunAsync(db, async token =>
            {
                var plan = await PlanAsync(db, catalog, selection, change, token);
                if (!plan.IsValid) throw new LicenseChangeRefusedException(plan.Violations);
                if (!plan.HasChanges) return (new LicenseChangeResult(null, 0, plan.Users.Count, plan.Seats), 0, plan.Users.Count);

                var operationId = Guid.NewGuid();
                var changed = plan.ChangedUsers.Count();
                db.LicenseOperations.Add(new LicenseOperation(operationId, admin.TenantId, kind, now, admin.Upn, changed, undoOf));
                if (undoOf is { } undone)
                    (await db.LicenseOperations.SingleAsync(o => o.Id == undone, token)).MarkUndone(operationId);
                await LicensePlanWriter.WriteAsync(db, catalog, plan, admin, operationId, now, token);
                return (new LicenseChangeResult(operationId, changed, plan.Users.Count - changed, plan.Seats), changed, plan.Users.Count);
            }, cancellationToken);
            if (result.OperationId is not { } operationId) return result;

            logger.LogInformation("{Actor} applied {Kind} ({Operation}) for tenant {Tenant}: {Changed} users changed, {Unchanged} unchanged",
                admin.Upn, kind, operationId, admin.TenantId, changedCount, plannedUsers - changedCount);
            return result;
        }
        // An undo racing another undo of the same operation loses here, when marking it undone.
        catch (Domain.DomainException ex) when (ex is LicenseChangeRefusedException || ex.Code == "AlreadyUndone")
        {
            await RefuseAsync(db, admin, now, target, ex, cancellationToken);
            throw;
        }
        catch (DbUpdateException ex)
        {
            // Another admin changed the same users between our read and our write (SQL Server); nothing of ours was kept.
            logger.LogWarning(ex, "Concurrent license change for tenant {Tenant}", admin.TenantId);
            var conflict = new ConcurrentLicenseChangeException();
            await RefuseAsync(db, admin, now, target, conflict, cancellationToken);
            throw conflict;
        }
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

    private static async Task RefuseAsync(AppDbContext db, ActingAdmin admin, DateTime now, string target, Exception reason, CancellationToken cancellationToken)
    {
        await AuditTrail.RefusedAsync(db, admin, now, AuditAction.ChangeUserLicense, target, reason.Message, cancellationToken);
    }

}

/// <summary>Undo names an operation the tenant does not have.</summary>
public sealed class LicenseChangeNotFoundException(Guid operationId)
    : Domain.DomainException(new Domain.DomainMessage("OperationNotFound", "There is no license change {Operation} in this organisation.",
        new { Operation = operationId }));

public sealed class AlreadyUndoneException(LicenseOperation operation)
    : Domain.DomainException(new Domain.DomainMessage("AlreadyUndone",
        "This change ({Kind}, {Applied:yyyy-MM-dd HH:mm} UTC) was already undone; nothing was changed.",
        new { operation.Kind, Applied = operation.AppliedUtc }));

public sealed class ConcurrentLicenseChangeException()
    : Domain.DomainException("ConcurrentChange", "Another admin changed the licenses of these users at the same time. Nothing was changed; review the users and try again.");
