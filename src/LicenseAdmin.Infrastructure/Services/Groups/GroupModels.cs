using LicenseAdmin.Domain.Groups;

namespace LicenseAdmin.Infrastructure.Services.Groups;

/// <summary>One row of the Groups page.</summary>
public sealed record GroupSummary(
    Guid Id, string DisplayName, bool IsDynamic, int MemberCount, IReadOnlyList<string> Licenses, GroupProcessingState ProcessingState,
    int MembersWithErrors)
{
    /// <summary>Done, but some members did not get the group's licenses.</summary>
    public bool DoneWithErrors => ProcessingState == GroupProcessingState.Done && MembersWithErrors > 0;
}

/// <summary>A member as the group panel lists them, with the error state of the group's licenses for them.</summary>
public sealed record GroupMemberRow(Guid UserId, string DisplayName, string UserPrincipalName, GroupLicenseError? Error, string? ErrorDetail);

/// <summary>A product the group gives, with the plans it turns off.</summary>
public sealed record GroupProduct(Guid ProductId, string DisplayName, IReadOnlyList<Guid> DisabledPlanIds);

/// <summary>The group panel: the group, its members and its licenses.</summary>
public sealed record GroupDetails(
    Guid Id, string DisplayName, string? MembershipRule, GroupProcessingState ProcessingState, IReadOnlyList<GroupMemberRow> Members,
    IReadOnlyList<GroupProduct> Licenses)
{
    public bool IsDynamic => MembershipRule is not null;
    public int MembersWithErrors => Members.Count(m => m.Error is not null);
}

/// <summary>A group a user is in, for the user panel.</summary>
public sealed record UserGroupRef(Guid GroupId, string DisplayName);

/// <summary>How a user holds one product: directly, from which groups, or both.</summary>
public sealed record LicenseSource(Guid ProductId, bool IsDirect, IReadOnlyList<UserGroupRef> InheritedFrom)
{
    public bool IsInherited => InheritedFrom.Count > 0;
}

/// <summary>A group whose licenses a user did not get, and why.</summary>
public sealed record UserGroupError(Guid GroupId, string GroupName, GroupLicenseError Error, string? Detail);

/// <summary>The group side of one user: where each license comes from, their groups and their group license errors.</summary>
public sealed record UserGroupLicensing(IReadOnlyList<LicenseSource> Sources, IReadOnlyList<UserGroupRef> Groups, IReadOnlyList<UserGroupError> Errors)
{
    public LicenseSource? SourceOf(Guid productId) => Sources.FirstOrDefault(s => s.ProductId == productId);
}

/// <summary>One line of "Users with license errors".</summary>
public sealed record UserLicenseErrorRow(Guid UserId, string DisplayName, string UserPrincipalName, Guid GroupId, string GroupName, GroupLicenseError Error, string? Detail);
