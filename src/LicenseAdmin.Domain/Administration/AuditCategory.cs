namespace LicenseAdmin.Domain.Administration;

/// <summary>
/// The category of each audit action, as Microsoft Entra's directory audit log groups its activities (the API's
/// <c>category</c> of a directoryAudit, and what <c>$filter=category eq '...'</c> selects).
/// </summary>
public static class AuditCategory
{
    public const string UserManagement = "UserManagement";
    public const string RoleManagement = "RoleManagement";
    public const string ApplicationManagement = "ApplicationManagement";
    public const string DirectoryManagement = "DirectoryManagement";
    public const string Policy = "Policy";
    public const string Authentication = "Authentication";
    public const string Other = "Other";

    private static readonly Dictionary<string, string> ByAction = new(StringComparer.Ordinal)
    {
        [AuditAction.ChangeUserLicense] = UserManagement,
        [AuditAction.AddUser] = UserManagement,
        [AuditAction.UpdateUser] = UserManagement,
        [AuditAction.DeleteUser] = UserManagement,
        [AuditAction.RestoreUser] = UserManagement,
        [AuditAction.ResetUserPassword] = UserManagement,
        [AuditAction.ResetUserMfa] = UserManagement,
        [AuditAction.RegisterSecurityInfo] = UserManagement,
        [AuditAction.DeleteSecurityInfo] = UserManagement,
        [AuditAction.NewRecoveryCodes] = UserManagement,
        [AuditAction.AddMemberToRole] = RoleManagement,
        [AuditAction.PurchaseLicenses] = DirectoryManagement,
        [AuditAction.ReduceLicenses] = DirectoryManagement,
        [AuditAction.PurgeRetainedData] = DirectoryManagement,
        [AuditAction.CorrectSeatCount] = DirectoryManagement,
        [AuditAction.UpdateSecuritySettings] = Policy,
        [AuditAction.SignIn] = Authentication,
        [AuditAction.AddApplication] = ApplicationManagement,
        [AuditAction.UpdateApplication] = ApplicationManagement,
        [AuditAction.AddClientSecret] = ApplicationManagement,
        [AuditAction.RemoveClientSecret] = ApplicationManagement,
        [AuditAction.DeleteApplication] = ApplicationManagement,
    };

    /// <summary>Every category an action can have.</summary>
    public static IReadOnlyList<string> All { get; } =
        [UserManagement, RoleManagement, ApplicationManagement, DirectoryManagement, Policy, Authentication, Other];

    public static string Of(string action) => ByAction.GetValueOrDefault(action, Other);

    /// <summary>The actions of a category (for a filter); an action without a category of its own is Other.</summary>
    public static IReadOnlyList<string> ActionsOf(string category) =>
        AuditAction.All.Where(a => string.Equals(Of(a), category, StringComparison.Ordinal)).ToList();
}
