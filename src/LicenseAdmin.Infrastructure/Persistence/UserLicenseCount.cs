namespace LicenseAdmin.Infrastructure.Persistence;

/// <summary>
/// <c>DirectoryUsers.LicenseCount</c>: how many licenses the user holds. The database keeps it: triggers on
/// <c>LicenseAssignments</c> (created by the migrations of both providers) add one per inserted assignment and take
/// one off per deleted assignment, whoever writes them (EF Core, set-based statements, cascades, raw SQL).
/// It lets the Unlicensed and Licensed views and their counts read one index instead of probing every user's
/// assignments (decision 0006). Application code never writes it; queries read it with
/// <c>EF.Property&lt;int&gt;(user, UserLicenseCount.Column)</c>.
/// </summary>
public static class UserLicenseCount
{
    public const string Column = "LicenseCount";

    /// <summary>The triggers' names, declared in the model so EF Core saves LicenseAssignments in a trigger-safe way.</summary>
    public static readonly IReadOnlyList<string> Triggers =
        ["TR_LicenseAssignments_CountInsert", "TR_LicenseAssignments_CountDelete", "TR_LicenseAssignments_CountUpdate"];
}
