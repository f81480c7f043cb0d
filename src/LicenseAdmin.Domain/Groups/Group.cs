namespace LicenseAdmin.Domain.Groups;

/// <summary>Where a group's license processing stands, as the Groups page shows it.</summary>
public enum GroupProcessingState
{
    /// <summary>Every member has what the group gives, or an error state saying why not.</summary>
    Done,

    /// <summary>A change waits for the group license processor.</summary>
    Queued,

    /// <summary>The processor has started on the group's members.</summary>
    InProgress,
}

/// <summary>
/// A security group of a tenant: static (members added and removed by an admin) or dynamic (members are the users its
/// membership rule matches). Members inherit the group's licenses (docs/product-rules.md, "Groups"). No nested groups.
/// </summary>
public sealed class Group : ITenantOwned
{
    public const int MaxDisplayNameLength = 256, MaxRuleLength = 2048;

    private Group()
    {
        DisplayName = string.Empty;
    }

    public Group(Guid id, Guid tenantId, string displayName, string? membershipRule, DateTime createdUtc)
    {
        Id = id;
        TenantId = tenantId;
        DisplayName = RequireName(displayName);
        MembershipRule = CleanRule(membershipRule);
        CreatedUtc = createdUtc;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public string DisplayName { get; private set; }

    /// <summary>The rule text of a dynamic group, as the admin wrote it; null for a static group.</summary>
    public string? MembershipRule { get; private set; }

    public bool IsDynamic => MembershipRule is not null;
    public DateTime CreatedUtc { get; private set; }
    public GroupProcessingState ProcessingState { get; private set; }

    /// <summary>The admin whose change the processor applies next (the audit log's "on behalf of").</summary>
    public string? ProcessingRequestedBy { get; private set; }

    public void Rename(string displayName) => DisplayName = RequireName(displayName);

    /// <summary>Makes the group dynamic with this rule (already parsed by the caller), or static with null.</summary>
    public void SetMembershipRule(string? rule) => MembershipRule = CleanRule(rule);

    public void MarkQueued(string requestedBy)
    {
        ProcessingState = GroupProcessingState.Queued;
        ProcessingRequestedBy = requestedBy;
    }

    public void MarkInProgress() => ProcessingState = GroupProcessingState.InProgress;

    public void MarkDone() => ProcessingState = GroupProcessingState.Done;

    private static string RequireName(string? displayName)
    {
        if (string.IsNullOrWhiteSpace(displayName)) throw new DomainException("GroupNameRequired", "A group needs a name.");
        var value = displayName.Trim();
        if (value.Length > MaxDisplayNameLength)
            throw new DomainException(new DomainMessage("GroupNameTooLong", "A group name can be at most {Max} characters; this one has {Length}.",
                new { Max = MaxDisplayNameLength, Length = value.Length }));
        return value;
    }

    private static string? CleanRule(string? rule)
    {
        if (string.IsNullOrWhiteSpace(rule)) return null;
        var value = rule.Trim();
        if (value.Length > MaxRuleLength)
            throw new DomainException(new DomainMessage("MembershipRuleTooLong", "A membership rule can be at most {Max} characters; this one has {Length}.",
                new { Max = MaxRuleLength, Length = value.Length }));
        return value;
    }
}
