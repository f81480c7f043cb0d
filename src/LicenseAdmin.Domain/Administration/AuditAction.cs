namespace LicenseAdmin.Domain.Administration;

/// <summary>Action names as Microsoft's audit log spells them.</summary>
public static class AuditAction
{
    public const string ChangeUserLicense = "Change user license";
    public const string AddUser = "Add user";
    public const string UpdateUser = "Update user";
    public const string DeleteUser = "Delete user";
    public const string RestoreUser = "Restore user";
    public const string ResetUserPassword = "Reset user password";
    public const string AddMemberToRole = "Add member to role";
    public const string PurchaseLicenses = "Purchase licenses";
    public const string ReduceLicenses = "Reduce licenses";
    public const string PurgeRetainedData = "Purge retained data";
    /// <summary>The seat counter check found a product's stored counts off the real ones and corrected them.</summary>
    public const string CorrectSeatCount = "Correct seat count";
    public const string ResetUserMfa = "Reset user multi-factor authentication";
    public const string UpdateSecuritySettings = "Update company security settings";

    /// <summary>A user set up their own authenticator app (MFA on), as Microsoft Entra spells it.</summary>
    public const string RegisterSecurityInfo = "User registered security info";
    /// <summary>A user reset their own authenticator app (MFA off until set up again).</summary>
    public const string DeleteSecurityInfo = "User deleted security info";
    /// <summary>A user replaced their own recovery codes.</summary>
    public const string NewRecoveryCodes = "User generated new recovery codes";

    /// <summary>A sign-in attempt, succeeded or refused; shown to Global administrators only.</summary>
    public const string SignIn = "User signed in";

    public const string AddApplication = "Add application";
    public const string UpdateApplication = "Update application";
    public const string AddClientSecret = "Add client secret";
    public const string RemoveClientSecret = "Remove client secret";
    public const string DeleteApplication = "Delete application";

    public const string AddGroup = "Add group";
    public const string UpdateGroup = "Update group";
    public const string DeleteGroup = "Delete group";
    public const string AddMemberToGroup = "Add member to group";
    public const string RemoveMemberFromGroup = "Remove member from group";
    public const string SetGroupLicense = "Set group license";
    /// <summary>The group license processor starts on a group's members (Entra's wording).</summary>
    public const string StartGroupLicensing = "Start applying group based license to users";
    /// <summary>The group license processor has processed every queued member of a group.</summary>
    public const string FinishGroupLicensing = "Finish applying group based license to users";
    /// <summary>An admin asks the processor to apply a group's or a user's group licenses again.</summary>
    public const string ReprocessLicenses = "Reprocess group based licenses";

    public static readonly IReadOnlyList<string> All =
    [
        ChangeUserLicense, AddUser, UpdateUser, DeleteUser, RestoreUser, ResetUserPassword,
        AddMemberToRole, PurchaseLicenses, ReduceLicenses, PurgeRetainedData, CorrectSeatCount, SignIn,
        AddApplication, UpdateApplication, AddClientSecret, RemoveClientSecret, DeleteApplication,
        ResetUserMfa, UpdateSecuritySettings, RegisterSecurityInfo, DeleteSecurityInfo, NewRecoveryCodes,
        AddGroup, UpdateGroup, DeleteGroup, AddMemberToGroup, RemoveMemberFromGroup, SetGroupLicense,
        StartGroupLicensing, FinishGroupLicensing, ReprocessLicenses,
    ];
}
