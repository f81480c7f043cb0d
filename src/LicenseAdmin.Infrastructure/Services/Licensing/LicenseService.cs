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
    /// <summary>The operation name of setting one user's licenses, as the audit log and Undo show it.</summary>
    internal const string SetLicensesKind = "Change user licenses";

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
            SetLicensesKind, cancellationToken);

    /// <summary>
    /// Graph's assignLicense: adds (a held product gets the given disabled plans) and removes in one all-or-nothing
    /// change, planned on the user's licenses read under the user's row lock inside the write transaction, so a
    /// concurrent change of another product is kept rather than overwritten.
    /// </summary>
    public Task<LicenseChangeResult> AddAndRemoveAsync(
        Caller caller, Guid userId, IReadOnlyList<ProductLicense> add, IReadOnlyList<Guid> remove, CancellationToken cancellationToken) =>
        ApplyAsync(caller, UserSelection.Of([userId]), ids => new AddAndRemoveLicenses(ids, add, remove), SetLicensesKind, cancellationToken);

    /// <summary>What a bulk change would do, per user and per product, with every violation. Writes nothing.</summary>
    public async Task<LicensePlan> PreviewAsync(Caller caller, BulkLicenseRequest request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        await CallerGuard.RequireToReadAsync(db, caller, Permission.AssignLicenses, cancellationToken);
        var catalog = await LicensingCatalogLoader.LoadAsync(db, cancellationToken);
        var plan = await LicenseChangeCommit.PlanAsync(db, catalog, request.Users, request.ToChange, cancellationToken);
        return plan;
    }

    /// <summary>Applies a bulk change all or nothing. The same request applied twice changes nothing the second time.</summary>
    public Task<LicenseChangeResult> ApplyAsync(Caller caller, BulkLicenseRequest request, CancellationToken cancellationToken) =>
        ApplyAsync(caller, request.Users, request.ToChange, request.Describe(), cancellationToken);

    /// <summary>
    /// Applies a bulk change that was previewed, all or nothing, only if it is still the change the preview showed
    /// (<paramref name="previewFingerprint"/> from <see cref="PlanFingerprint.Of"/> of the preview): a different
    /// request, or users whose licenses changed since, are refused as a stale preview, as the dialog refuses Confirm
    /// after its choices changed.
    /// </summary>
    public Task<LicenseChangeResult> ApplyPreviewedAsync(
        Caller caller, BulkLicenseRequest request, string previewFingerprint, CancellationToken cancellationToken) =>
        changes.RunAsync(Change(caller, db => request.Users.DescribeAsync(db, cancellationToken)), LoadCatalogAsync(cancellationToken),
            (db, admin, now, catalog) => LicenseChangeCommit.WriteAsync(db, catalog, admin, now, request.Users, request.ToChange, request.Describe(),
                undone: null, previewFingerprint, logger, cancellationToken),
            cancellationToken);

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

                return await LicenseChangeCommit.WriteAsync(db, catalog, admin, now, UserSelection.Of(targets.Select(t => t.UserId)), _ => new UndoBulkChange(targets),
                    $"Undo: {operation.Kind}", operation, logger, cancellationToken);
            }, cancellationToken);

    private Task<LicenseChangeResult> ApplyAsync(
        Caller caller, UserSelection selection, Func<IReadOnlyList<Guid>, LicenseChange> change, string kind, CancellationToken cancellationToken) =>
        changes.RunAsync(Change(caller, db => selection.DescribeAsync(db, cancellationToken)), LoadCatalogAsync(cancellationToken),
            (db, admin, now, catalog) => LicenseChangeCommit.WriteAsync(db, catalog, admin, now, selection, change, kind, undone: null, logger, cancellationToken),
            cancellationToken);

    private static AuditedChange Change(Caller caller, Func<AppDbContext, Task<string>> target) =>
        new(caller, Permission.AssignLicenses, AuditAction.ChangeUserLicense, target, () => new ConcurrentLicenseChangeException());

    /// <summary>The catalog is shared and changes only by import, not with assignments, so it is read before the write transaction.</summary>
    private static Func<AppDbContext, Task<LicensingCatalog>> LoadCatalogAsync(CancellationToken cancellationToken) =>
        db => LicensingCatalogLoader.LoadAsync(db, cancellationToken);
}

/// <summary>Undo names an operation the tenant does not have.</summary>
public sealed class LicenseChangeNotFoundException(Guid operationId)
    : Domain.DomainException(new Domain.DomainMessage("OperationNotFound", "There is no license change {Operation} in this organisation.",
        new { Operation = operationId }));

public sealed class ConcurrentLicenseChangeException()
    : Domain.DomainException("ConcurrentChange", "Another admin changed the licenses of these users at the same time. Nothing was changed; review the users and try again.");
