using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Infrastructure.Groups;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Security;
using LicenseAdmin.Infrastructure.Services.Users;
using Microsoft.Extensions.Logging;

namespace LicenseAdmin.Infrastructure.Services.Licensing;

/// <summary>
/// Plans a license change inside the caller's write transaction and writes it all or nothing, with its operation
/// (what Undo reads back) and the per-user audit entries. Used by the license service and by adding a user with licenses.
/// </summary>
internal static class LicenseChangeCommit
{
    /// <summary>Plans the change on the state read inside the transaction and writes it; an undo also marks what it undid.</summary>
    public static Task<LicenseChangeResult> WriteAsync(
        AppDbContext db, LicensingCatalog catalog, ActingAdmin admin, DateTime now, UserSelection selection,
        Func<IReadOnlyList<Guid>, LicenseChange> change, string kind, LicenseOperation? undone, ILogger logger, CancellationToken cancellationToken) =>
        WriteAsync(db, catalog, admin, now, selection, change, kind, undone, previewed: null, logger, cancellationToken);

    /// <summary>
    /// As above; with <paramref name="previewed"/> (a preview's <see cref="PlanFingerprint"/>) the plan made now must be
    /// the one previewed, or nothing is written.
    /// </summary>
    public static async Task<LicenseChangeResult> WriteAsync(
        AppDbContext db, LicensingCatalog catalog, ActingAdmin admin, DateTime now, UserSelection selection,
        Func<IReadOnlyList<Guid>, LicenseChange> change, string kind, LicenseOperation? undone, string? previewed, ILogger logger,
        CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(db, catalog, selection, change, cancellationToken);
        if (!plan.IsValid) throw new LicenseChangeRefusedException(plan.Violations);
        if (previewed is not null && PlanFingerprint.Of(plan) != previewed) throw new StalePreviewException();
        if (!plan.HasChanges) return new LicenseChangeResult(null, 0, plan.Users.Count, plan.Seats);

        var operationId = Guid.NewGuid();
        var changedCount = plan.ChangedUsers.Count();
        db.LicenseOperations.Add(new LicenseOperation(operationId, admin.TenantId, kind, now, admin.Upn, changedCount, undone?.Id));
        // An undo racing another undo of the same operation loses here, with the same refusal as the check before it.
        undone?.MarkUndone(operationId);
        await LicensePlanWriter.WriteAsync(db, catalog, plan, admin, operationId, now, cancellationToken);

        logger.LogInformation("{Actor} applied {Kind} ({Operation}) for tenant {Tenant}: {Changed} users changed, {Unchanged} unchanged",
            admin.Upn, kind, operationId, admin.TenantId, changedCount, plan.Users.Count - changedCount);
        return new LicenseChangeResult(operationId, changedCount, plan.Users.Count - changedCount, plan.Seats)
        {
            Kept = plan.ChangedUsers.SelectMany(u => u.DirectRemoved.Select(k => k.Reason)).ToList(),
        };
    }

    /// <summary>The plan of a change on the tenant's current state; a preview is this plan, unwritten.</summary>
    public static async Task<LicensePlan> PlanAsync(
        AppDbContext db, LicensingCatalog catalog, UserSelection selection, Func<IReadOnlyList<Guid>, LicenseChange> change,
        CancellationToken cancellationToken)
    {
        var seats = await LicensingStateLoader.SeatsAsync(db, cancellationToken);
        var users = await LicensingStateLoader.UsersAsync(db, selection, includeDeleted: selection.UserIds is not null, cancellationToken);
        // Ids the tenant does not have stay in the change, so the planner names them (UserNotFound).
        var ids = selection.UserIds ?? users.Select(u => u.UserId).ToList();
        // An inherited license is changed on its group, never on the user (docs/product-rules.md, "Groups"): the planner
        // keeps what users inherit, removing only the direct part (InheritedLicenseRule).
        var inheritance = await GroupLicenseSources.InheritanceAsync(db, users.Select(u => u.UserId).ToList(), cancellationToken);
        return new LicensePlanner(catalog).Plan(new LicensingState(seats, users), change(ids), inheritance);
    }
}
