using System.Linq.Expressions;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Groups;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Security;
using LicenseAdmin.Infrastructure.Services.Users;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Services.Groups;

/// <summary>A condition on groups, built by the API from a parsed <c>$filter</c> and turned into SQL here.</summary>
public abstract record GroupCondition;

public sealed record GroupNameEquals(string? Name, bool Negated = false) : GroupCondition;

public sealed record GroupNameStartsWith(string Prefix) : GroupCondition;

/// <summary><c>hasMembersWithLicenseErrors eq true</c> (or <c>eq false</c> when <see cref="WithErrors"/> is false).</summary>
public sealed record GroupHasMembersWithLicenseErrors(bool WithErrors = true) : GroupCondition;

public sealed record GroupAllOf(GroupCondition Left, GroupCondition Right) : GroupCondition;

public sealed record GroupAnyOf(GroupCondition Left, GroupCondition Right) : GroupCondition;

/// <summary>Where the previous page ended: the display name and creation time of its last group.</summary>
public sealed record GroupKey(string DisplayName, DateTime CreatedUtc);

/// <summary>One page of an API group list: the filter, the page size and where to continue; by display name.</summary>
public sealed record GroupQuery(GroupCondition? Filter, int Top, GroupKey? After, bool IncludeCount);

/// <summary>A group as the API returns it.</summary>
public sealed record GroupRecord(
    Guid Id, string DisplayName, string? MembershipRule, DateTime CreatedUtc, bool HasMembersWithLicenseErrors, IReadOnlyList<HeldLicense> Licenses)
{
    public bool IsDynamic => MembershipRule is not null;
}

public sealed record GroupRecordPage(IReadOnlyList<GroupRecord> Groups, long? Count, GroupKey? Next);

/// <summary>
/// The API's reads of groups: a parsed query becomes one database query per page (keyset on display name, then
/// creation time), and a page's licenses one more; no group's members are loaded to read it.
/// </summary>
public sealed class GroupQueryService(TenantDbContextFactory contexts)
{
    public const int MaxTop = UserQueryService.MaxTop;

    /// <summary>A group of the caller's tenant; null when there is none (another tenant's included).</summary>
    public async Task<GroupRecord?> FindAsync(Caller caller, Guid groupId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        await CallerGuard.RequireToReadAsync(db, caller, Permission.ReadDirectory, cancellationToken);
        var rows = await Rows(db, db.Groups.AsNoTracking().Where(g => g.Id == groupId)).ToListAsync(cancellationToken);
        return rows.Count == 0 ? null : (await WithLicensesAsync(db, rows, cancellationToken))[0];
    }

    public async Task<GroupRecordPage> ListAsync(Caller caller, GroupQuery query, CancellationToken cancellationToken)
    {
        if (query.Top is < 1 or > MaxTop) throw new ArgumentOutOfRangeException(nameof(query), "Top must be between 1 and 999.");
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await CallerGuard.RequireToReadAsync(db, caller, Permission.ReadDirectory, cancellationToken);

        var groups = db.Groups.AsNoTracking();
        if (query.Filter is not null) groups = groups.Where(Predicate(db, query.Filter));
        long? count = query.IncludeCount ? await groups.LongCountAsync(cancellationToken) : null;
        if (query.After is { } after)
        {
            var name = after.DisplayName;
            var created = DateTime.SpecifyKind(after.CreatedUtc, DateTimeKind.Utc);
            groups = groups.Where(g => string.Compare(g.DisplayName, name) > 0 || (g.DisplayName == name && g.CreatedUtc > created));
        }
        // One row more than asked tells whether there is a next page without a second query.
        var rows = await Rows(db, groups.OrderBy(g => g.DisplayName).ThenBy(g => g.CreatedUtc)).Take(query.Top + 1).ToListAsync(cancellationToken);
        var page = rows.Take(query.Top).ToList();
        var next = rows.Count > query.Top ? new GroupKey(page[^1].DisplayName, page[^1].CreatedUtc) : null;
        return new GroupRecordPage(await WithLicensesAsync(db, page, cancellationToken), count, next);
    }

    private static IQueryable<GroupRow> Rows(AppDbContext db, IQueryable<Group> groups) =>
        groups.Select(g => new GroupRow(g.Id, g.DisplayName, g.MembershipRule, g.CreatedUtc,
            db.GroupMembers.Any(m => m.GroupId == g.Id && m.Error != null)));

    private static async Task<IReadOnlyList<GroupRecord>> WithLicensesAsync(AppDbContext db, IReadOnlyList<GroupRow> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var licenses = (await db.GroupLicenses.AsNoTracking().Where(l => ids.Contains(l.GroupId))
                .Select(l => new { l.GroupId, l.ProductId, l.DisabledPlanIds }).ToListAsync(cancellationToken))
            .OrderBy(l => l.ProductId).ToLookup(l => l.GroupId, l => new HeldLicense(l.ProductId, l.DisabledPlanIds));
        return rows.Select(r => new GroupRecord(r.Id, r.DisplayName, r.MembershipRule, r.CreatedUtc, r.HasErrors, licenses[r.Id].ToList())).ToList();
    }

    private static Expression<Func<Group, bool>> Predicate(AppDbContext db, GroupCondition condition)
    {
        var group = Expression.Parameter(typeof(Group), "g");
        return Expression.Lambda<Func<Group, bool>>(Translate(db, condition, group), group);
    }

    private static Expression Translate(AppDbContext db, GroupCondition condition, ParameterExpression group) => condition switch
    {
        GroupAllOf all => Expression.AndAlso(Translate(db, all.Left, group), Translate(db, all.Right, group)),
        GroupAnyOf any => Expression.OrElse(Translate(db, any.Left, group), Translate(db, any.Right, group)),
        GroupNameEquals { Negated: false } equals => Inline(group, g => g.DisplayName == equals.Name),
        GroupNameEquals equals => Inline(group, g => g.DisplayName != equals.Name),
        GroupNameStartsWith starts => Inline(group, g => g.DisplayName.StartsWith(starts.Prefix)),
        GroupHasMembersWithLicenseErrors { WithErrors: true } => Inline(group, g => db.GroupMembers.Any(m => m.GroupId == g.Id && m.Error != null)),
        GroupHasMembersWithLicenseErrors => Inline(group, g => !db.GroupMembers.Any(m => m.GroupId == g.Id && m.Error != null)),
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, "Unknown condition."),
    };

    private static Expression Inline(ParameterExpression group, Expression<Func<Group, bool>> lambda) => PredicateInlining.Inline(group, lambda);

    private sealed record GroupRow(Guid Id, string DisplayName, string? MembershipRule, DateTime CreatedUtc, bool HasErrors);
}
