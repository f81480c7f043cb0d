using System.Linq.Expressions;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Security;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Services.Users;

/// <summary>
/// The API's reads of users: the one place a parsed query (filter, sort, keyset page) becomes a database query. A
/// page reads only its rows and their licenses, so a 100,000-user tenant is never loaded.
/// </summary>
public sealed class UserQueryService(TenantDbContextFactory contexts)
{
    public const int MaxTop = 999;

    /// <summary>An active user by id or user principal name; null when the tenant has none (another tenant's users included).</summary>
    public async Task<UserRecord?> FindAsync(Caller caller, string idOrUpn, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        await CallerGuard.RequireToReadAsync(db, caller, Permission.ReadDirectory, cancellationToken);
        var users = db.DirectoryUsers.AsNoTracking().Where(u => u.DeletedUtc == null);
        users = Guid.TryParse(idOrUpn, out var id)
            ? users.Where(u => u.Id == id)
            : users.Where(u => u.UserPrincipalName == idOrUpn.Trim().ToLowerInvariant());
        var user = await users.SingleOrDefaultAsync(cancellationToken);
        return user is null ? null : (await WithLicensesAsync(db, [user], cancellationToken, withStates: true))[0];
    }

    public async Task<UserRecordPage> ListAsync(Caller caller, UserQuery query, CancellationToken cancellationToken)
    {
        if (query.Top is < 1 or > MaxTop) throw new ArgumentOutOfRangeException(nameof(query), "Top must be between 1 and 999.");
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await CallerGuard.RequireToReadAsync(db, caller, Permission.ReadDirectory, cancellationToken);

        var users = db.DirectoryUsers.AsNoTracking().Where(u => u.DeletedUtc == null);
        if (query.Filter is not null) users = users.Where(Predicate(db, query.Filter));
        long? count = query.IncludeCount ? await users.LongCountAsync(cancellationToken) : null;

        var sortKey = SortKey(query.OrderBy);
        if (query.After is { } after) users = users.Where(After(sortKey, after, query.Descending));
        var ordered = query.Descending
            ? users.OrderByDescending(sortKey).ThenByDescending(u => u.UserPrincipalName)
            : users.OrderBy(sortKey).ThenBy(u => u.UserPrincipalName);
        // One row more than asked tells whether there is a next page without a second query.
        var rows = await ordered.Take(query.Top + 1).ToListAsync(cancellationToken);
        var page = rows.Take(query.Top).ToList();
        var next = rows.Count > query.Top ? new UserKey(sortKey.Compile()(page[^1]), page[^1].UserPrincipalName) : null;
        return new UserRecordPage(await WithLicensesAsync(db, page, cancellationToken, query.IncludeLicenseStates), count, next);
    }

    /// <summary>How many active users match the condition (<c>GET /users/$count</c>), counted by the database.</summary>
    public async Task<long> CountAsync(Caller caller, UserCondition? filter, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        await CallerGuard.RequireToReadAsync(db, caller, Permission.ReadDirectory, cancellationToken);
        var users = db.DirectoryUsers.AsNoTracking().Where(u => u.DeletedUtc == null);
        if (filter is not null) users = users.Where(Predicate(db, filter));
        return await users.LongCountAsync(cancellationToken);
    }

    /// <summary>A user of Deleted users by id; null when the tenant has no such deleted user.</summary>
    public async Task<DeletedUserRecord?> FindDeletedAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        await CallerGuard.RequireToReadAsync(db, caller, Permission.ReadDirectory, cancellationToken);
        var user = await db.DirectoryUsers.AsNoTracking().Where(u => u.DeletedUtc != null && u.Id == id).SingleOrDefaultAsync(cancellationToken);
        return user is null ? null : new DeletedUserRecord((await WithLicensesAsync(db, [user], cancellationToken))[0], user.DeletedUtc!.Value);
    }

    /// <summary>One page of Deleted users, newest deletion first, keyset-paged on (deleted time, user principal name).</summary>
    public async Task<DeletedUserRecordPage> ListDeletedAsync(Caller caller, int top, DeletedUserKey? after, CancellationToken cancellationToken)
    {
        if (top is < 1 or > MaxTop) throw new ArgumentOutOfRangeException(nameof(top), "Top must be between 1 and 999.");
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await CallerGuard.RequireToReadAsync(db, caller, Permission.ReadDirectory, cancellationToken);

        var users = db.DirectoryUsers.AsNoTracking().Where(u => u.DeletedUtc != null);
        if (after is not null)
        {
            var at = DateTime.SpecifyKind(after.DeletedUtc, DateTimeKind.Utc);
            var upn = after.UserPrincipalName;
            users = users.Where(u => u.DeletedUtc < at || (u.DeletedUtc == at && string.Compare(u.UserPrincipalName, upn) > 0));
        }
        var rows = await users.OrderByDescending(u => u.DeletedUtc).ThenBy(u => u.UserPrincipalName).Take(top + 1).ToListAsync(cancellationToken);
        var page = rows.Take(top).ToList();
        var next = rows.Count > top ? new DeletedUserKey(page[^1].DeletedUtc!.Value, page[^1].UserPrincipalName) : null;
        var records = await WithLicensesAsync(db, page, cancellationToken);
        return new DeletedUserRecordPage(records.Zip(page, (record, user) => new DeletedUserRecord(record, user.DeletedUtc!.Value)).ToList(), next);
    }

    private static async Task<IReadOnlyList<UserRecord>> WithLicensesAsync(
        AppDbContext db, IReadOnlyList<DirectoryUser> users, CancellationToken cancellationToken, bool withStates = false)
    {
        var ids = users.Select(u => u.Id).ToList();
        var held = await db.LicenseAssignments.AsNoTracking().Where(a => ids.Contains(a.UserId))
            .Select(a => new { a.UserId, a.ProductId, a.DisabledPlanIds, a.IsDirect, a.DirectDisabledPlanIds, a.AssignedUtc }).ToListAsync(cancellationToken);
        var licenses = held.ToLookup(a => a.UserId, a => new HeldLicense(a.ProductId, a.DisabledPlanIds));
        ILookup<Guid, LicenseStateRecord>? states = null;
        if (withStates)
        {
            // One query for the whole page: every product of every group of these users, with the member's error state
            // and whether the processor has given it (a member still queued has neither, and no state yet).
            var fromGroups = await db.GroupMembers.AsNoTracking().Where(m => ids.Contains(m.UserId))
                .Join(db.GroupLicenses, m => m.GroupId, l => l.GroupId, (m, l) => new
                {
                    m.UserId, m.GroupId, l.ProductId, l.DisabledPlanIds, m.Error,
                    Given = db.InheritedLicenses.Any(i => i.UserId == m.UserId && i.GroupId == m.GroupId && i.ProductId == l.ProductId),
                })
                .ToListAsync(cancellationToken);
            var since = held.ToDictionary(a => (a.UserId, a.ProductId), a => a.AssignedUtc);
            states = held.Where(a => a.IsDirect)
                .Select(a => (a.UserId, State: new LicenseStateRecord(a.ProductId, null, a.DirectDisabledPlanIds ?? a.DisabledPlanIds, null, a.AssignedUtc)))
                .Concat(fromGroups.Where(g => g.Error is not null || g.Given).Select(g => (g.UserId, State: new LicenseStateRecord(
                    g.ProductId, g.GroupId, g.DisabledPlanIds, g.Error,
                    g.Error is null && since.TryGetValue((g.UserId, g.ProductId), out var at) ? at : null))))
                .OrderBy(s => s.State.ProductId).ThenBy(s => s.State.GroupId.HasValue).ThenBy(s => s.State.GroupId)
                .ToLookup(s => s.UserId, s => s.State);
        }
        return users.Select(u => new UserRecord(u.Id, u.UserPrincipalName, u.DisplayName, u.FirstName, u.LastName, u.Department, u.JobTitle,
            u.UsageLocation, !u.SignInBlocked, u.CreatedUtc, licenses[u.Id].ToList(), states?[u.Id].ToList())).ToList();
    }

    // Sorting is on text columns only (displayName, userPrincipalName), as Graph allows for users.
    private static Expression<Func<DirectoryUser, string?>> SortKey(UserField field) => field switch
    {
        UserField.DisplayName => u => u.DisplayName,
        UserField.UserPrincipalName => u => u.UserPrincipalName,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Users sort by displayName or userPrincipalName."),
    };

    // (key, upn) > (after.key, after.upn), or < when descending: the keyset condition an index can seek to.
    private static Expression<Func<DirectoryUser, bool>> After(Expression<Func<DirectoryUser, string?>> sortKey, UserKey after, bool descending)
    {
        var user = sortKey.Parameters[0];
        var compare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
        Expression Beyond(Expression left, string? right) => descending
            ? Expression.LessThan(Expression.Call(compare, left, Expression.Constant(right, typeof(string))), Expression.Constant(0))
            : Expression.GreaterThan(Expression.Call(compare, left, Expression.Constant(right, typeof(string))), Expression.Constant(0));
        var upn = Expression.Property(user, nameof(DirectoryUser.UserPrincipalName));
        var body = Expression.OrElse(
            Beyond(sortKey.Body, after.SortValue),
            Expression.AndAlso(Expression.Equal(sortKey.Body, Expression.Constant(after.SortValue, typeof(string))), Beyond(upn, after.UserPrincipalName)));
        return Expression.Lambda<Func<DirectoryUser, bool>>(body, user);
    }

    private static Expression<Func<DirectoryUser, bool>> Predicate(AppDbContext db, UserCondition condition)
    {
        var user = Expression.Parameter(typeof(DirectoryUser), "u");
        return Expression.Lambda<Func<DirectoryUser, bool>>(Translate(db, condition, user), user);
    }

    private static Expression Translate(AppDbContext db, UserCondition condition, ParameterExpression user) => condition switch
    {
        AllOf all => Expression.AndAlso(Translate(db, all.Left, user), Translate(db, all.Right, user)),
        AnyOf any => Expression.OrElse(Translate(db, any.Left, user), Translate(db, any.Right, user)),
        NotCondition not => Expression.Not(Translate(db, not.Inner, user)),
        FieldEquals equals => Equality(user, equals),
        FieldSearch search => WordStartsWith(Field(user, search.Field), search.Word.ToLowerInvariant()),
        FieldStartsWith starts => Expression.Call(Field(user, starts.Field), typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!,
            Expression.Constant(starts.Prefix)),
        HoldsProduct holds => Inline(user, (Expression<Func<DirectoryUser, bool>>)(u =>
            db.LicenseAssignments.Any(a => a.UserId == u.Id && a.ProductId == holds.ProductId))),
        MemberOfGroup { OnlyWithLicenseErrors: true } member => Inline(user, (Expression<Func<DirectoryUser, bool>>)(u =>
            db.GroupMembers.Any(m => m.UserId == u.Id && m.GroupId == member.GroupId && m.Error != null))),
        MemberOfGroup member => Inline(user, (Expression<Func<DirectoryUser, bool>>)(u =>
            db.GroupMembers.Any(m => m.UserId == u.Id && m.GroupId == member.GroupId))),
        LicenseCountIsZero { Licensed: false } => Inline(user, (Expression<Func<DirectoryUser, bool>>)(u => EF.Property<int>(u, UserLicenseCount.Column) == 0)),
        LicenseCountIsZero => Inline(user, (Expression<Func<DirectoryUser, bool>>)(u => EF.Property<int>(u, UserLicenseCount.Column) != 0)),
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, "Unknown condition."),
    };

    // lower(field) LIKE 'word%' OR lower(field) LIKE '% word%': the field has a word starting with it.
    private static Expression WordStartsWith(Expression field, string word)
    {
        var lower = Expression.Call(field, typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!);
        var startsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        return Expression.AndAlso(Expression.NotEqual(field, Expression.Constant(null, typeof(string))),
            Expression.OrElse(Expression.Call(lower, startsWith, Expression.Constant(word)), Expression.Call(lower, contains, Expression.Constant(" " + word))));
    }

    private static Expression Equality(ParameterExpression user, FieldEquals equals)
    {
        var field = Field(user, equals.Field);
        var value = equals.Field switch
        {
            UserField.Id => Expression.Constant(equals.Value is string text && Guid.TryParse(text, out var id) ? id : Guid.Empty),
            UserField.AccountEnabled => Expression.Constant(equals.Value is true),
            _ => Expression.Constant(equals.Value as string, typeof(string)),
        };
        return equals.Negated ? Expression.NotEqual(field, value) : Expression.Equal(field, value);
    }

    private static Expression Field(ParameterExpression user, UserField field) => field switch
    {
        UserField.Id => Expression.Property(user, nameof(DirectoryUser.Id)),
        UserField.DisplayName => Expression.Property(user, nameof(DirectoryUser.DisplayName)),
        UserField.GivenName => Expression.Property(user, nameof(DirectoryUser.FirstName)),
        UserField.Surname => Expression.Property(user, nameof(DirectoryUser.LastName)),
        // LicenseAdmin has no separate mailbox address: mail is the user principal name.
        UserField.UserPrincipalName or UserField.Mail => Expression.Property(user, nameof(DirectoryUser.UserPrincipalName)),
        UserField.Department => Expression.Property(user, nameof(DirectoryUser.Department)),
        UserField.JobTitle => Expression.Property(user, nameof(DirectoryUser.JobTitle)),
        UserField.UsageLocation => Expression.Property(user, nameof(DirectoryUser.UsageLocation)),
        UserField.AccountEnabled => Expression.Not(Expression.Property(user, nameof(DirectoryUser.SignInBlocked))),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown field."),
    };

    private static Expression Inline(ParameterExpression user, Expression<Func<DirectoryUser, bool>> lambda) => PredicateInlining.Inline(user, lambda);
}
