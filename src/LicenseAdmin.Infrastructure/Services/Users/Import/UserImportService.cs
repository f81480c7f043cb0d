using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Domain.Users.Import;
using LicenseAdmin.Infrastructure.Identity;
using LicenseAdmin.Infrastructure.Groups;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Auditing;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LicenseAdmin.Infrastructure.Services.Users.Import;

/// <summary>
/// "Add multiple users" (docs/product-rules.md, "Adding many users"): a CSV file is checked whole first (every line,
/// every column, the seats of every product), then added all or nothing in one audited change: the users, their
/// licenses (one license change, as a bulk change writes it) and, if asked, sign-in accounts with one-time passwords.
/// The web dialog and the <c>import-users</c> command both call this service.
/// </summary>
public sealed class UserImportService(
    TenantDbContextFactory contexts, AuditedChanges changes, IServiceScopeFactory scopes, ILogger<UserImportService> logger)
{
    /// <summary>The license change's name in the audit log and in Undo.</summary>
    public const string LicenseKind = "Add multiple users";

    /// <summary>Users are added to the context and saved this many at a time, so a 100,000-user file never tracks them all at once.</summary>
    public const int BatchSize = 1000;

    /// <summary>Names the query for a chunk of the file's usernames in the SQL (logs, and the dialog's progress tests).</summary>
    public const string UsernamesTakenTag = "Import: usernames taken";

    /// <summary>Names the query that asks, after the users are added, whether dynamic groups may take them in.</summary>
    public const string DynamicGroupsTag = "Import: dynamic groups";

    /// <summary>Checks the file against the organisation and writes nothing.</summary>
    public async Task<UserImportPreview> PreviewAsync(
        Caller caller, Stream file, UserImportOptions options, IProgress<UserImportProgress>? progress, CancellationToken cancellationToken)
    {
        var (header, lines) = await UserImportFile.ReadAsync(file, cancellationToken);
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        var admin = await CallerGuard.RequireToReadAsync(db, caller, Permission.ManageUsers, cancellationToken);
        if (options.Products.Count > 0 && !admin.Allows(Permission.AssignLicenses))
            throw new AccessDeniedException(PermissionNames.Refusal(admin, Permission.AssignLicenses));
        return await CheckAsync(db, header, lines, options, progress, cancellationToken);
    }

    /// <summary>
    /// Adds every user of the file, or none: a problem on any line, too few seats, or a refusal of the license change
    /// leaves the directory as it was, and the refusal names every problem.
    /// </summary>
    public async Task<UserImportResult> ApplyAsync(
        Caller caller, Stream file, UserImportOptions options, IProgress<UserImportProgress>? progress, CancellationToken cancellationToken)
    {
        var (header, lines) = await UserImportFile.ReadAsync(file, cancellationToken);
        var change = new AuditedChange(caller, Permission.ManageUsers, AuditAction.AddUser,
            _ => Task.FromResult($"{lines.Count:N0} users from a file"), () => new UserImportRefusedException([UserRefusals.ConcurrentChange().Reason]));
        return await changes.RunAsync(change, db => LicensingCatalogLoader.LoadAsync(db, cancellationToken), async (db, admin, now, catalog) =>
        {
            if (options.Products.Count > 0 && !admin.Allows(Permission.AssignLicenses))
                throw new AccessDeniedException(PermissionNames.Refusal(admin, Permission.AssignLicenses));
            // Checked again inside the transaction: a username taken or a seat used since the preview refuses here.
            var preview = await CheckAsync(db, header, lines, options, progress, cancellationToken);
            if (!preview.CanApply) throw new UserImportRefusedException(preview.Refusals);

            // Version 7 ids grow with time, so the new rows land at the end of the primary key's index instead of all over it.
            var importId = Guid.CreateVersion7();
            var added = new List<ImportedAccount>(preview.Users.Count);
            foreach (var batch in preview.Users.Chunk(BatchSize))
            {
                var users = new List<DirectoryUser>(batch.Length);
                var entries = new List<AuditEntry>(batch.Length);
                foreach (var row in batch)
                {
                    var user = new DirectoryUser(Guid.CreateVersion7(), admin.TenantId, row.UserPrincipalName, row.DisplayName, UserKind.User, now);
                    user.UpdateProfile(row.DisplayName, row.FirstName, row.LastName, row.Department, row.JobTitle);
                    user.SetUsageLocation(row.UsageLocation);
                    user.SetContact(row.Contact);
                    users.Add(user);
                    entries.Add(AuditTrail.SucceededEntry(admin, now, AuditAction.AddUser, user.UserPrincipalName,
                        after: UserProfile.Of(user), operationId: importId, detail: $"Added from a file (line {row.Line})", targetId: user.Id));
                    added.Add(new ImportedAccount(user.Id, row.Line, user.UserPrincipalName, user.DisplayName, null));
                }

                // Written past the change tracker (decision 0024): tracking, snapshotting and fixing up every row cost
                // several times what the database does. The rows are the ones SaveChanges would write, in the same transaction.
                await BulkInsert.InsertAsync(db, users, cancellationToken);
                await BulkInsert.InsertAsync(db, entries, cancellationToken);
                progress?.Report(new UserImportProgress(UserImportStage.Adding, added.Count, preview.Users.Count));
            }

            if (options.CreatePasswords) added = await ImportedSignInAccounts.CreateAsync(scopes, db, admin.TenantId, added, cancellationToken);
            await JoinDynamicGroupsAsync(db, admin, now, added, cancellationToken);

            Guid? licenseOperation = null;
            if (options.Products.Count > 0)
            {
                var ids = added.Select(a => a.UserId).ToList();
                var result = await LicenseChangeCommit.WriteAsync(db, catalog, admin, now, UserSelection.Of(ids),
                    userIds => new AddToExistingLicenses(userIds, options.Products), LicenseKind, undone: null, logger, cancellationToken);
                licenseOperation = result.OperationId;
            }

            logger.LogInformation("{Actor} added {Count} users from a file ({Import}) in tenant {Tenant}", admin.Upn, added.Count, importId, admin.TenantId);
            return new UserImportResult(importId, added, licenseOperation);
        }, cancellationToken);
    }

    /// <summary>The new users join the dynamic groups whose rules match them, in the import's transaction (decision 0021).</summary>
    private static async Task JoinDynamicGroupsAsync(AppDbContext db, ActingAdmin admin, DateTime now, List<ImportedAccount> added, CancellationToken cancellationToken)
    {
        if (!await db.Groups.TagWith(DynamicGroupsTag).AnyAsync(g => g.MembershipRule != null, cancellationToken)) return;
        foreach (var chunk in added.Select(a => a.UserId).Chunk(BatchSize))
        {
            var users = await db.DirectoryUsers.AsNoTracking().Where(u => EF.Parameter(chunk).Contains(u.Id)).ToListAsync(cancellationToken);
            await GroupLicenseSources.RefreshDynamicMembershipsAsync(db, admin.TenantId, users, admin.Upn, now, cancellationToken);
        }
    }

    /// <summary>
    /// Takes an import back: its users that are still active lose their licenses (seats freed) and are removed with
    /// their sign-in accounts, audited as deleted. Users already deleted or purged since are left as they are.
    /// </summary>
    public Task<int> UndoAsync(Caller caller, Guid importId, CancellationToken cancellationToken) =>
        changes.RunAsync(new AuditedChange(caller, Permission.DeleteAndRestoreUsers, AuditAction.DeleteUser, _ => Task.FromResult($"Import {importId}"),
                () => new UserImportRefusedException([UserRefusals.ConcurrentChange().Reason])),
            db => LicensingCatalogLoader.LoadAsync(db, cancellationToken),
            async (db, admin, now, catalog) =>
            {
                var ids = await db.AuditEntries.AsNoTracking()
                    .Where(e => e.OperationId == importId && e.Action == AuditAction.AddUser && e.Outcome == AuditOutcome.Succeeded && e.TargetId != null)
                    .Select(e => e.TargetId!.Value).ToListAsync(cancellationToken);
                var users = new List<DirectoryUser>();
                foreach (var chunk in ids.Chunk(IdChunks.Size))
                    users.AddRange(await db.DirectoryUsers.Where(u => chunk.Contains(u.Id) && u.DeletedUtc == null).ToListAsync(cancellationToken));
                if (users.Count == 0) throw new UserImportNotFoundException(importId);
                foreach (var user in users)
                    if (!RolePolicy.MayDeleteOrRestore(admin.Roles, user.Roles)) throw UserRefusals.MayNotDelete(admin, user);

                var userIds = users.Select(u => u.Id).ToList();
                await LicenseChangeCommit.WriteAsync(db, catalog, admin, now, UserSelection.Of(userIds), i => new RemoveAllLicenses(i),
                    $"Undo: {LicenseKind}", undone: null, logger, cancellationToken);
                foreach (var user in users)
                    AuditTrail.Succeeded(db, admin, now, AuditAction.DeleteUser, user.UserPrincipalName, before: UserProfile.Of(user),
                        operationId: importId, detail: "Import undone: the user was removed", targetId: user.Id);
                await UserRemoval.DeleteWithTheirRowsAsync(db, userIds, cancellationToken);
                return users.Count;
            }, cancellationToken);

    /// <summary>
    /// For the <c>import-users</c> command: the admin named by the organisation's domain and their username, as a
    /// caller (null when there is none). Their roles are checked again, from the database, by the import itself.
    /// </summary>
    public async Task<Caller?> CommandLineCallerAsync(string domain, string upn, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForSystemAsync(cancellationToken);
        var wantedDomain = domain.Trim().ToLowerInvariant();
        var wantedUpn = upn.Trim().ToLowerInvariant();
        var tenantId = await db.Tenants.IgnoreQueryFilters().Where(t => t.InitialDomain == wantedDomain).Select(t => (Guid?)t.Id)
            .SingleOrDefaultAsync(cancellationToken);
        if (tenantId is null) return null;
        var admin = await db.DirectoryUsers.IgnoreQueryFilters()
            .Where(u => u.TenantId == tenantId && u.UserPrincipalName == wantedUpn && u.DeletedUtc == null)
            .Select(u => new { u.Id, u.UserPrincipalName, u.Roles }).SingleOrDefaultAsync(cancellationToken);
        return admin is null ? null : new Caller(tenantId.Value, admin.Id, admin.UserPrincipalName, admin.Roles);
    }

    /// <summary>Products named by part number or name, with plans to turn off by name (the command line's lists).</summary>
    public async Task<IReadOnlyList<ProductLicense>> ProductsNamedAsync(
        Caller caller, IReadOnlyList<string> products, IReadOnlyList<string> disabledPlans, CancellationToken cancellationToken)
    {
        if (products.Count == 0)
            return disabledPlans.Count == 0 ? [] : throw new DomainException(new DomainMessage("ImportPlansWithoutProducts", "Plans can be turned off only for chosen products."));
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        await CallerGuard.RequireToReadAsync(db, caller, Permission.AssignLicenses, cancellationToken);
        var catalog = await LicensingCatalogLoader.LoadAsync(db, cancellationToken);
        return UserImportRules.ResolveProducts(catalog, products, disabledPlans);
    }

    private async Task<UserImportPreview> CheckAsync(
        AppDbContext db, UserImportHeader header, IReadOnlyList<UserImportLine> lines, UserImportOptions options, IProgress<UserImportProgress>? progress,
        CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(cancellationToken);
        progress?.Report(new UserImportProgress(UserImportStage.Checking, 0, lines.Count));
        var taken = await TakenAsync(db, header, lines, progress, cancellationToken);
        var check = UserImportRules.Check(header, lines, tenant.InitialDomain, taken, options.Products.Count > 0);
        var seats = Array.Empty<ImportSeatImpact>() as IReadOnlyList<ImportSeatImpact>;
        if (options.Products.Count > 0)
        {
            var catalog = await LicensingCatalogLoader.LoadAsync(db, cancellationToken);
            seats = UserImportRules.SeatImpacts(catalog, options.Products, await LicensingStateLoader.SeatsAsync(db, cancellationToken), check.Users.Count);
        }

        return new UserImportPreview(check.Users, check.Problems, seats);
    }

    /// <summary>
    /// The file's usernames that are held already: by an active user of any organisation (usernames are unique across
    /// them), or by a deleted user of this one. Read a thousand names per query, and as two queries: one each index
    /// answers (the unique index on active users' names, the tenant's index by deletion). With both conditions joined by OR
    /// no index answered the query: a 100,000-line preview took 34 s on SQLite, 2.8 s split (docs/performance.md, measure 10).
    /// Reports the file's lines checked so far, in proportion to the names read.
    /// </summary>
    private static async Task<Dictionary<string, UsernameHolder>> TakenAsync(
        AppDbContext db, UserImportHeader header, IReadOnlyList<UserImportLine> lines, IProgress<UserImportProgress>? progress, CancellationToken cancellationToken)
    {
        var names = lines.Select(l => header.Cell(l, UserImportColumn.UserName)?.Trim().ToLowerInvariant())
            .Where(n => !string.IsNullOrEmpty(n)).Select(n => n!).Distinct().ToList();
        var taken = new Dictionary<string, UsernameHolder>(StringComparer.Ordinal);
        var tenantId = db.ScopedTenantId;
        var done = 0;
        foreach (var chunk in names.Chunk(IdChunks.Size))
        {
            var active = await db.DirectoryUsers.IgnoreQueryFilters().AsNoTracking().TagWith(UsernamesTakenTag)
                .Where(u => u.DeletedUtc == null && EF.Parameter(chunk).Contains(u.UserPrincipalName))
                .Select(u => u.UserPrincipalName).ToListAsync(cancellationToken);
            var deleted = await db.DirectoryUsers.IgnoreQueryFilters().AsNoTracking()
                .Where(u => u.TenantId == tenantId && u.DeletedUtc != null && EF.Parameter(chunk).Contains(u.UserPrincipalName))
                .Select(u => u.UserPrincipalName).ToListAsync(cancellationToken);
            foreach (var name in deleted) taken[name] = UsernameHolder.DeletedUser;
            foreach (var name in active) taken[name] = UsernameHolder.ActiveUser;
            done += chunk.Length;
            progress?.Report(new UserImportProgress(UserImportStage.Checking, (int)((long)lines.Count * done / names.Count), lines.Count));
        }

        return taken;
    }
}
