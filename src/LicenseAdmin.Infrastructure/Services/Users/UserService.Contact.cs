using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Services.Auditing;

namespace LicenseAdmin.Infrastructure.Services.Users;

/// <summary>A user's contact details (office, phones, address), edited in the user panel and filled by the import.</summary>
public sealed partial class UserService
{
    /// <summary>Replaces the user's contact details (null or empty clears a field); audited with before and after.</summary>
    public Task UpdateContactAsync(Caller caller, Guid userId, ContactDetails contact, CancellationToken cancellationToken) =>
        ChangeAsync(caller, Permission.ManageUsers, AuditAction.UpdateUser, db => UserSelection.NameOfAsync(db, userId, CancellationToken.None),
            async (db, admin, now) =>
            {
                var user = await ActiveUserAsync(db, userId, cancellationToken);
                if (!RolePolicy.MayManageUser(admin.Roles, user.Roles)) throw UserRefusals.MayNotManage(admin, user);
                var before = user.Contact;
                user.SetContact(contact);
                if (before == user.Contact) return false;
                AuditTrail.Succeeded(db, admin, now, AuditAction.UpdateUser, user.UserPrincipalName, before, user.Contact, targetId: userId);
                return true;
            }, cancellationToken);
}
