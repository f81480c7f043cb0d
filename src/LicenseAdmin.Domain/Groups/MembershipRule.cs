namespace LicenseAdmin.Domain.Groups;

/// <summary>A user property a dynamic group's rule may test (Entra's names, after <c>user.</c>).</summary>
public enum RuleProperty
{
    Department,
    UsageLocation,
    JobTitle,
    AccountEnabled,
}

public enum RuleOperator
{
    Equals,
    NotEquals,
    StartsWith,
}

/// <summary>What a rule sees of a user.</summary>
public sealed record RuleSubject(string? Department, string? UsageLocation, string? JobTitle, bool AccountEnabled);

/// <summary>
/// A parsed membership rule of a dynamic group (docs/product-rules.md, "Groups"): conditions on user properties joined
/// with <c>-and</c> and <c>-or</c>. Text comparisons ignore case, as in Entra; a missing value equals only the empty string.
/// The text form is parsed in Infrastructure (<c>MembershipRuleParser</c>); this is the model it produces and the one
/// place that decides who matches.
/// </summary>
public abstract record MembershipRule
{
    public abstract bool Matches(RuleSubject user);

    /// <summary>The property names a rule may use, as an admin writes them.</summary>
    public static readonly IReadOnlyDictionary<string, RuleProperty> PropertyNames =
        new Dictionary<string, RuleProperty>(StringComparer.OrdinalIgnoreCase)
        {
            ["user.department"] = RuleProperty.Department,
            ["user.usageLocation"] = RuleProperty.UsageLocation,
            ["user.jobTitle"] = RuleProperty.JobTitle,
            ["user.accountEnabled"] = RuleProperty.AccountEnabled,
        };

    /// <summary>The property names for messages, in the order the documentation lists them.</summary>
    public const string PropertyList = "user.department, user.usageLocation, user.jobTitle, user.accountEnabled";
}

/// <summary><c>user.department -eq "Sales"</c>. A true/false value only for <see cref="RuleProperty.AccountEnabled"/>.</summary>
public sealed record RuleCondition(RuleProperty Property, RuleOperator Operator, string Value) : MembershipRule
{
    public override bool Matches(RuleSubject user)
    {
        var actual = Property switch
        {
            RuleProperty.Department => user.Department,
            RuleProperty.UsageLocation => user.UsageLocation,
            RuleProperty.JobTitle => user.JobTitle,
            _ => user.AccountEnabled ? "true" : "false",
        } ?? string.Empty;
        return Operator switch
        {
            RuleOperator.Equals => string.Equals(actual, Value, StringComparison.OrdinalIgnoreCase),
            RuleOperator.NotEquals => !string.Equals(actual, Value, StringComparison.OrdinalIgnoreCase),
            _ => actual.StartsWith(Value, StringComparison.OrdinalIgnoreCase),
        };
    }
}

public sealed record RuleAnd(MembershipRule Left, MembershipRule Right) : MembershipRule
{
    public override bool Matches(RuleSubject user) => Left.Matches(user) && Right.Matches(user);
}

public sealed record RuleOr(MembershipRule Left, MembershipRule Right) : MembershipRule
{
    public override bool Matches(RuleSubject user) => Left.Matches(user) || Right.Matches(user);
}

/// <summary>The sentences of a rule that cannot be used, each naming where (1-based character position) and what is wrong.</summary>
public static class MembershipRuleErrors
{
    public static DomainException Empty() =>
        new("MembershipRuleEmpty", "A dynamic group needs a membership rule, e.g. user.department -eq \"Sales\".");

    public static DomainException UnknownProperty(string name, int position) =>
        new(new DomainMessage("MembershipRuleUnknownProperty",
            "The membership rule is not valid at position {Position}: '{Name}' is not a property a rule can use ({Properties}).",
            new { Position = position, Name = name, Properties = MembershipRule.PropertyList }));

    public static DomainException NotBoolean(string value, int position) =>
        new(new DomainMessage("MembershipRuleNotBoolean",
            "The membership rule is not valid at position {Position}: user.accountEnabled is compared with true or false, not '{Value}'.",
            new { Position = position, Value = value }));

    public static DomainException StartsWithOnBoolean(int position) =>
        new(new DomainMessage("MembershipRuleStartsWithBoolean",
            "The membership rule is not valid at position {Position}: -startsWith cannot be used with user.accountEnabled.",
            new { Position = position }));

    /// <summary>A syntax error: <paramref name="found"/> is what stands there (or "the end of the rule"), <paramref name="expected"/> what may.</summary>
    public static DomainException Syntax(int position, string found, string expected) =>
        new(new DomainMessage("MembershipRuleSyntax",
            "The membership rule is not valid at position {Position}: found {Found}, expected {Expected}.",
            new { Position = position, Found = found, Expected = expected }));

    public static DomainException UnexpectedEnd(int position, string expected) =>
        new(new DomainMessage("MembershipRuleIncomplete",
            "The membership rule ends too early at position {Position}: expected {Expected}.",
            new { Position = position, Expected = expected }));

    public static DomainException UnclosedString(int position) =>
        new(new DomainMessage("MembershipRuleUnclosedString",
            "The membership rule is not valid at position {Position}: a quoted value is not closed with \".",
            new { Position = position }));

    public static DomainException UnexpectedCharacter(char character, int position) =>
        new(new DomainMessage("MembershipRuleUnexpectedCharacter",
            "The membership rule is not valid at position {Position}: the character '{Character}' cannot be used here.",
            new { Position = position, Character = character.ToString() }));
}
