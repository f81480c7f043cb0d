using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Security;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Services.Users;

public sealed record HeldLicense(Guid ProductId, IReadOnlyList<Guid> DisabledPlanIds);

public sealed record ServiceStatus(ServiceFamily Family, ProvisioningState State, DateTime? RetainedUntilUtc);

/// <summary>Everything the user panel shows about one user.</summary>
public sealed record UserDetails(
    Guid Id, string UserPrincipalName, string DisplayName, string? FirstName, string? LastName, string? Department, string? JobTitle,
    string? UsageLocation, bool SignInBlocked, UserKind Kind, AdminRoles Roles, long MailboxSizeMb, bool LicenseRequired,
    DateTime? DeletedUtc, IReadOnlyList<HeldLicense> Licenses, IReadOnlyList<ServiceStatus> Services, int OfficeInstallations)
{
    /// <summary>Office, phones and address (Microsoft's user template).</summary>
    public ContactDetails Contact { get; init; } = ContactDetails.None;
}

/// <summary>Reads one user of the caller's tenant for the user panel.</summary>
public sealed class UserDetailsService(TenantDbContextFactory contexts)
{
    public async Task<UserDetails> GetAsync(Caller caller, Guid userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        await CallerGuard.RequireToReadAsync(db, caller, Permission.ReadDirectory, cancellationToken);
        var user = await db.DirectoryUsers.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken)
            ?? throw new UserNotFoundException(userId);
        var licenses = await db.LicenseAssignments.AsNoTracking().Where(a => a.UserId == userId)
            .Select(a => new { a.ProductId, a.DisabledPlanIds }).ToListAsync(cancellationToken);
        var services = await db.ServiceProvisionings.AsNoTracking().Where(p => p.UserId == userId)
            .Select(p => new ServiceStatus(p.Family, p.State, p.RetainedUntilUtc)).ToListAsync(cancellationToken);
        var installs = await db.OfficeInstallations.CountAsync(i => i.UserId == userId, cancellationToken);
        return new UserDetails(user.Id, user.UserPrincipalName, user.DisplayName, user.FirstName, user.LastName, user.Department,
            user.JobTitle, user.UsageLocation, user.SignInBlocked, user.Kind, user.Roles, user.MailboxSizeMb, user.ResourceMailboxNeedsLicense,
            user.DeletedUtc, licenses.Select(l => new HeldLicense(l.ProductId, l.DisabledPlanIds)).ToList(),
            services.OrderBy(s => s.Family).ToList(), installs) { Contact = user.Contact };
    }
}

/// <summary>The id names no user of the caller's tenant (another tenant's users are not found either).</summary>
public sealed class UserNotFoundException(Guid userId)
    : Domain.DomainException(new Domain.DomainMessage("UserNotFound", "There is no user {User} in this organisation.", new { User = userId }));
