using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Auditing;
using LicenseAdmin.Infrastructure.Services.Security;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Services.Office;

public enum OfficeActivation
{
    Licensed,

    /// <summary>The installation stays, but no license of the user enables Office apps any more.</summary>
    UnlicensedProduct,
}

public sealed record OfficeInstallationView(Guid Id, string DeviceName, DevicePlatform Platform, DateTime InstalledUtc, OfficeActivation Activation);

/// <summary>
/// A signed-in user's Office installations (My account): up to 5 PCs or Macs while a license enables
/// Office apps; after the license goes they stay and report "Unlicensed product". Needs no admin role, but like
/// every service it checks the caller first: a deleted or blocked account, or one of another tenant, is refused
/// even from a page that is still open.
/// </summary>
public sealed class OfficeInstallationService(TenantDbContextFactory contexts, TimeProvider clock)
{
    private const string SelfService =
        "A user's own Office installations are self-service on My account, not an admin change; the audit log records admin changes.";

    public async Task<IReadOnlyList<OfficeInstallationView>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        await CallerGuard.ActingAsync(db, caller, cancellationToken);
        var activation = await ActivationOfAsync(db, caller.UserId, cancellationToken);
        return await db.OfficeInstallations.AsNoTracking()
            .Where(i => i.UserId == caller.UserId)
            .OrderBy(i => i.InstalledUtc)
            .Select(i => new OfficeInstallationView(i.Id, i.DeviceName, i.Platform, i.InstalledUtc, activation))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The activation check an installed Office app calls: is this installation licensed right now?</summary>
    public async Task<OfficeActivation> CheckActivationAsync(Caller caller, Guid installationId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        await CallerGuard.ActingAsync(db, caller, cancellationToken);
        var owner = await db.OfficeInstallations.Where(i => i.Id == installationId).Select(i => (Guid?)i.UserId).SingleOrDefaultAsync(cancellationToken);
        if (owner != caller.UserId) throw new InstallationNotFoundException(installationId);
        return await ActivationOfAsync(db, caller.UserId, cancellationToken);
    }

    [NotAudited(SelfService)]
    public async Task<Guid> AddAsync(Caller caller, string deviceName, DevicePlatform platform, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        await CallerGuard.ActingAsync(db, caller, cancellationToken);
        return await WriteTransaction.RunAsync(db, async token =>
        {
            if (await ActivationOfAsync(db, caller.UserId, token) != OfficeActivation.Licensed)
                throw new DomainException("OfficeNotLicensed", "None of your licenses includes the Office apps, so Office cannot be installed. Ask your administrator for a license.");
            OfficeInstallation.EnsureRoomForAnother(await db.OfficeInstallations.CountAsync(i => i.UserId == caller.UserId, token));
            var installation = new OfficeInstallation(Guid.NewGuid(), caller.TenantId, caller.UserId, deviceName, platform, clock.GetUtcNow().UtcDateTime);
            db.OfficeInstallations.Add(installation);
            await db.SaveChangesAsync(token);
            return installation.Id;
        }, cancellationToken);
    }

    [NotAudited(SelfService)]
    public async Task RemoveAsync(Caller caller, Guid installationId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        await CallerGuard.ActingAsync(db, caller, cancellationToken);
        var installation = await db.OfficeInstallations.SingleOrDefaultAsync(i => i.Id == installationId && i.UserId == caller.UserId, cancellationToken)
            ?? throw new InstallationNotFoundException(installationId);
        db.OfficeInstallations.Remove(installation);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task<OfficeActivation> ActivationOfAsync(AppDbContext db, Guid userId, CancellationToken cancellationToken) =>
        await db.ServiceProvisionings.AnyAsync(p => p.UserId == userId && p.Family == ServiceFamily.OfficeApps && p.State == ProvisioningState.Provisioned, cancellationToken)
            ? OfficeActivation.Licensed
            : OfficeActivation.UnlicensedProduct;
}

public sealed class InstallationNotFoundException(Guid installationId)
    : DomainException(new DomainMessage("InstallationNotFound", "You have no Office installation {Installation}.", new { Installation = installationId }));
