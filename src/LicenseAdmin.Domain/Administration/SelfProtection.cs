namespace LicenseAdmin.Domain.Administration;

/// <summary>
/// What an admin may not do to their own account through user management, whatever their role. Services
/// enforce it; pages ask the same rule to decide what to offer. Taking away one's own last way in is covered
/// by the last-global-administrator rules (roles, sign-in block, delete).
/// </summary>
public static class SelfProtection
{
    /// <summary>Nobody deletes their own account, alone or inside a bulk delete: another admin has to.</summary>
    public static bool MayDelete(Guid actingUserId, Guid userId) => actingUserId != userId;

    /// <summary>
    /// The admin reset hands out a temporary password meant for someone else; one's own password is changed on
    /// the Change password page, which asks for the current one.
    /// </summary>
    public static bool MayResetPassword(Guid actingUserId, Guid userId) => actingUserId != userId;
}
