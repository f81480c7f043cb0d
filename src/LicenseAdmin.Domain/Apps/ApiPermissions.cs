using LicenseAdmin.Domain.Administration;

namespace LicenseAdmin.Domain.Apps;

/// <summary>The application permissions a Global administrator grants an app, as Microsoft Graph names them.</summary>
[Flags]
public enum ApiPermissions
{
    None = 0,
    OrganizationReadAll = 1,
    UserReadAll = 2,
    UserReadWriteAll = 4,
    DirectoryReadAll = 8,
    LicenseAssignmentReadWriteAll = 16,
    AuditLogReadAll = 32,
    GroupReadAll = 64,
    GroupReadWriteAll = 128,
    GroupMemberReadWriteAll = 256,
}

/// <summary>
/// How Graph permission names map to <see cref="ApiPermissions"/> and to the portal's own <see cref="Permission"/>s, in one
/// place: the endpoints check the Graph name (as Graph does), the services check the portal permission it grants.
/// </summary>
public static class ApiPermissionNames
{
    private static readonly (ApiPermissions Flag, string Name, Permission[] Grants)[] Table =
    [
        (ApiPermissions.OrganizationReadAll, "Organization.Read.All", [Permission.ReadDirectory]),
        (ApiPermissions.UserReadAll, "User.Read.All", [Permission.ReadDirectory]),
        (ApiPermissions.UserReadWriteAll, "User.ReadWrite.All", [Permission.ReadDirectory, Permission.ManageUsers, Permission.DeleteAndRestoreUsers]),
        (ApiPermissions.DirectoryReadAll, "Directory.Read.All", [Permission.ReadDirectory]),
        // Assigning answers with the user, so it reads users too (as Graph's LicenseAssignment.ReadWrite.All does).
        (ApiPermissions.LicenseAssignmentReadWriteAll, "LicenseAssignment.ReadWrite.All", [Permission.ReadDirectory, Permission.AssignLicenses]),
        (ApiPermissions.AuditLogReadAll, "AuditLog.Read.All", [Permission.ReadAuditLog]),
        (ApiPermissions.GroupReadAll, "Group.Read.All", [Permission.ReadDirectory]),
        // Group changes are license changes for their members, so the group service asks for the license permission.
        (ApiPermissions.GroupReadWriteAll, "Group.ReadWrite.All", [Permission.ReadDirectory, Permission.AssignLicenses]),
        (ApiPermissions.GroupMemberReadWriteAll, "GroupMember.ReadWrite.All", [Permission.ReadDirectory, Permission.AssignLicenses]),
    ];

    /// <summary>Every permission an app can be granted, in the order the design page lists them.</summary>
    public static IReadOnlyList<ApiPermissions> All { get; } = Table.Select(t => t.Flag).ToArray();

    public static string Name(ApiPermissions single) => Table.Single(t => t.Flag == single).Name;

    /// <summary>The Graph names of every permission in <paramref name="granted"/>, as a token's <c>roles</c> claim carries them.</summary>
    public static IEnumerable<string> Names(ApiPermissions granted) =>
        Table.Where(t => granted.HasFlag(t.Flag)).Select(t => t.Name);

    public static ApiPermissions? Parse(string name) =>
        Table.Where(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)).Select(t => (ApiPermissions?)t.Flag).FirstOrDefault();

    /// <summary>The portal permissions the granted Graph permissions add up to.</summary>
    public static IReadOnlySet<Permission> PortalPermissions(ApiPermissions granted) =>
        Table.Where(t => granted.HasFlag(t.Flag)).SelectMany(t => t.Grants).ToHashSet();

    /// <summary>Only bits of known permissions: a stored value with other bits set is not a grant.</summary>
    public static bool IsValid(ApiPermissions granted) => (granted & ~All.Aggregate(ApiPermissions.None, (a, b) => a | b)) == 0;
}
