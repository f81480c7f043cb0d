using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Security;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Services.Users;

public enum UserSortColumn
{
    DisplayName,
    UserPrincipalName,
    Department,
    UsageLocation,
}

public sealed record UserSort(UserSortColumn Column = UserSortColumn.DisplayName, bool Descending = false);

/// <summary>One row of Active users.</summary>
public sealed record ActiveUserRow(
    Guid Id, string DisplayName, string UserPrincipalName, IReadOnlyList<string> Licenses, string? Department,
    string? UsageLocation, bool SignInBlocked, UserKind Kind, AdminRoles Roles, bool LicenseRequired)
{
    public bool IsUnlicensed => Licenses.Count == 0;
}

public sealed record UserPage(IReadOnlyList<ActiveUserRow> Rows, int Total);

/// <summary>
/// Reads the Active users grid one page at a time: the filter, the sort and the page run in the database,
/// so a 100,000-user tenant is never loaded into memory; the licenses column is read for the page's rows only.
/// </summary>
public sealed class UserDirectoryService(TenantDbContextFactory contexts)
{
    public const int MaxPageSize = PageBounds.MaxPageSize;

    /// <summary>Office 365 Small Business Premium: a tenant with only this subscription gets no Unlicensed users view (as in the seed).</summary>
    public const string SmallBusinessPremium = "LITEPACK_P2";

    public async Task<UserPage> PageAsync(Caller caller, UserFilter filter, UserSort sort, int skip, int take, CancellationToken cancellationToken)
    {
        PageBounds.Ensure(skip, take, "users");

        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        // One connection for the caller check, the count, the page and its licenses, instead of one from the pool per query.
        await db.Database.OpenConnectionAsync(cancellationToken);
        await CallerGuard.RequireToReadAsync(db, caller, Permission.ReadDirectory, cancellationToken);
        await EnsureViewAvailableAsync(db, filter, cancellationToken);

        var query = filter.Apply(db).AsNoTracking();
        var total = await query.CountAsync(cancellationToken);
        var page = await Sorted(query, sort).Skip(skip).Take(take)
            .Select(u => new
            {
                u.Id, u.DisplayName, u.UserPrincipalName, u.Department, u.UsageLocation, u.SignInBlocked, u.Kind, u.Roles, u.MailboxSizeMb,
                LicenseCount = EF.Property<int>(u, UserLicenseCount.Column),
            })
            .ToListAsync(cancellationToken);

        // Only rows that hold a license need the licenses query (none at all on a page of the Unlicensed view).
        var ids = page.Where(u => u.LicenseCount > 0).Select(u => u.Id).ToList();
        var licenses = ids.Count == 0
            ? []
            : (await db.LicenseAssignments.AsNoTracking()
                    .Where(a => ids.Contains(a.UserId))
                    .Join(db.Products, a => a.ProductId, p => p.Id, (a, p) => new { a.UserId, p.DisplayName })
                    .ToListAsync(cancellationToken))
                .GroupBy(x => x.UserId)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(x => x.DisplayName).Order().ToList());

        var rows = page.Select(u => new ActiveUserRow(u.Id, u.DisplayName, u.UserPrincipalName, licenses.GetValueOrDefault(u.Id, []), u.Department,
            u.UsageLocation, u.SignInBlocked, u.Kind, u.Roles,
            u.Kind != UserKind.User && u.MailboxSizeMb > DirectoryUser.ResourceMailboxQuotaMb)).ToList();
        return new UserPage(rows, total);
    }

    /// <summary>Writes every user of the view as CSV, a page at a time, so an export of 100,000 users streams.</summary>
    public async Task ExportCsvAsync(Caller caller, UserFilter filter, TextWriter output, CancellationToken cancellationToken)
    {
        // The first page is read before the header, so a refused caller or view is refused before anything is written.
        var skip = 0;
        var page = await PageAsync(caller, filter, new UserSort(), skip, MaxPageSize, cancellationToken);
        // Disposed asynchronously: a synchronous flush is refused on a response body and cut the download off.
        await using var csv = new CsvHelper.CsvWriter(output, ExportCsv.Configuration(), leaveOpen: true);
        foreach (var header in new[]
                 {
                     "Display name", "Username", "Licenses", "Department", "Usage location", "Sign-in blocked", "Kind", "Admin roles",
                     "First name", "Last name", "Job title", "Office", "Office phone", "Mobile phone", "Fax", "Alternate email address",
                     "Address", "City", "State or province", "ZIP or postal code", "Country or region",
                 })
            csv.WriteField(header);
        await csv.NextRecordAsync();
        while (true)
        {
            var profiles = await ProfilesAsync(caller, page.Rows.Select(r => r.Id).ToList(), cancellationToken);
            foreach (var row in page.Rows)
            {
                csv.WriteField(row.DisplayName);
                csv.WriteField(row.UserPrincipalName);
                csv.WriteField(string.Join("; ", row.Licenses));
                csv.WriteField(row.Department);
                csv.WriteField(row.UsageLocation);
                csv.WriteField(row.SignInBlocked ? "Yes" : "No");
                csv.WriteField(row.Kind.ToString());
                csv.WriteField(row.Roles == AdminRoles.None ? string.Empty : row.Roles.DisplayName());
                var profile = profiles.GetValueOrDefault(row.Id);
                var contact = profile?.Contact ?? ContactDetails.None;
                foreach (var value in new[]
                         {
                             profile?.FirstName, profile?.LastName, profile?.JobTitle, contact.Office, contact.OfficePhone, contact.MobilePhone,
                             contact.Fax, contact.AlternateEmail, contact.StreetAddress, contact.City, contact.State, contact.PostalCode, contact.Country,
                         })
                    csv.WriteField(value);
                await csv.NextRecordAsync();
            }
            if (skip + page.Rows.Count >= page.Total || page.Rows.Count == 0) break;
            skip += MaxPageSize;
            page = await PageAsync(caller, filter, new UserSort(), skip, MaxPageSize, cancellationToken);
        }
        await csv.FlushAsync();
    }

    private sealed record ExportProfile(Guid Id, string? FirstName, string? LastName, string? JobTitle, ContactDetails Contact);

    /// <summary>The columns of the export that the grid does not show, for one page of users.</summary>
    private async Task<Dictionary<Guid, ExportProfile>> ProfilesAsync(Caller caller, List<Guid> ids, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        var profiles = new Dictionary<Guid, ExportProfile>();
        foreach (var chunk in ids.Chunk(IdChunks.Size))
        {
            var users = await db.DirectoryUsers.AsNoTracking().Where(u => chunk.Contains(u.Id))
                .Select(u => new
                {
                    u.Id, u.FirstName, u.LastName, u.JobTitle, u.Office, u.OfficePhone, u.MobilePhone, u.Fax, u.AlternateEmail,
                    u.StreetAddress, u.City, u.State, u.PostalCode, u.Country,
                })
                .ToListAsync(cancellationToken);
            foreach (var u in users)
                profiles[u.Id] = new ExportProfile(u.Id, u.FirstName, u.LastName, u.JobTitle, new ContactDetails
                {
                    Office = u.Office, OfficePhone = u.OfficePhone, MobilePhone = u.MobilePhone, Fax = u.Fax, AlternateEmail = u.AlternateEmail,
                    StreetAddress = u.StreetAddress, City = u.City, State = u.State, PostalCode = u.PostalCode, Country = u.Country,
                });
        }

        return profiles;
    }

    /// <summary>Why the Unlicensed users view is not offered, or null when it is.</summary>
    public async Task<string?> UnlicensedViewUnavailableReasonAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        await CallerGuard.RequireToReadAsync(db, caller, Permission.ReadDirectory, cancellationToken);
        return await UnlicensedViewUnavailableReasonAsync(db, cancellationToken);
    }

    private static async Task EnsureViewAvailableAsync(AppDbContext db, UserFilter filter, CancellationToken cancellationToken)
    {
        if (filter.View != UserView.Unlicensed) return;
        var reason = await UnlicensedViewUnavailableReasonAsync(db, cancellationToken);
        if (reason is not null) throw new Domain.DomainException("ViewUnavailable", reason);
    }

    private static async Task<string?> UnlicensedViewUnavailableReasonAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var partNumbers = await db.Subscriptions.Join(db.Products, s => s.ProductId, p => p.Id, (s, p) => p.PartNumber)
            .Distinct().ToListAsync(cancellationToken);
        return partNumbers is [SmallBusinessPremium]
            ? "The Unlicensed users view is not available for organisations whose only subscription is Office 365 Small Business Premium."
            : null;
    }

    private static IQueryable<DirectoryUser> Sorted(IQueryable<DirectoryUser> users, UserSort sort) => (sort.Column, sort.Descending) switch
    {
        (UserSortColumn.UserPrincipalName, false) => users.OrderBy(u => u.UserPrincipalName),
        (UserSortColumn.UserPrincipalName, true) => users.OrderByDescending(u => u.UserPrincipalName),
        (UserSortColumn.Department, false) => users.OrderBy(u => u.Department).ThenBy(u => u.DisplayName).ThenBy(u => u.Id),
        (UserSortColumn.Department, true) => users.OrderByDescending(u => u.Department).ThenBy(u => u.DisplayName).ThenBy(u => u.Id),
        (UserSortColumn.UsageLocation, false) => users.OrderBy(u => u.UsageLocation).ThenBy(u => u.DisplayName).ThenBy(u => u.Id),
        (UserSortColumn.UsageLocation, true) => users.OrderByDescending(u => u.UsageLocation).ThenBy(u => u.DisplayName).ThenBy(u => u.Id),
        (_, true) => users.OrderByDescending(u => u.DisplayName).ThenByDescending(u => u.Id),
        _ => users.OrderBy(u => u.DisplayName).ThenBy(u => u.Id),
    };
}
