using LicenseAdmin.Domain.Groups;

namespace LicenseAdmin.Domain.Tests.Groups;

public class MembershipRuleTests
{
    private static readonly RuleSubject SalesInDenmark = new("Sales", "DK", "Account Manager", AccountEnabled: true);

    [Fact]
    public void Equals_IgnoresCase()
    {
        Assert.True(new RuleCondition(RuleProperty.Department, RuleOperator.Equals, "sales").Matches(SalesInDenmark));
        Assert.False(new RuleCondition(RuleProperty.Department, RuleOperator.Equals, "Marketing").Matches(SalesInDenmark));
    }

    [Fact]
    public void NotEquals_MatchesAMissingValue()
    {
        var noDepartment = SalesInDenmark with { Department = null };

        Assert.True(new RuleCondition(RuleProperty.Department, RuleOperator.NotEquals, "Sales").Matches(noDepartment));
        Assert.False(new RuleCondition(RuleProperty.Department, RuleOperator.NotEquals, "Sales").Matches(SalesInDenmark));
    }

    [Fact]
    public void StartsWith_MatchesAPrefix()
    {
        Assert.True(new RuleCondition(RuleProperty.JobTitle, RuleOperator.StartsWith, "account").Matches(SalesInDenmark));
        Assert.False(new RuleCondition(RuleProperty.JobTitle, RuleOperator.StartsWith, "Manager").Matches(SalesInDenmark));
    }

    [Fact]
    public void AccountEnabled_ComparesWithTrueOrFalse()
    {
        Assert.True(new RuleCondition(RuleProperty.AccountEnabled, RuleOperator.Equals, "true").Matches(SalesInDenmark));
        Assert.True(new RuleCondition(RuleProperty.AccountEnabled, RuleOperator.Equals, "false").Matches(SalesInDenmark with { AccountEnabled = false }));
    }

    [Fact]
    public void AndAndOr_CombineConditions()
    {
        var sales = new RuleCondition(RuleProperty.Department, RuleOperator.Equals, "Sales");
        var sweden = new RuleCondition(RuleProperty.UsageLocation, RuleOperator.Equals, "SE");

        Assert.False(new RuleAnd(sales, sweden).Matches(SalesInDenmark));
        Assert.True(new RuleOr(sales, sweden).Matches(SalesInDenmark));
    }

    [Fact]
    public void Errors_NameThePositionAndTheProblem()
    {
        Assert.Equal("The membership rule is not valid at position 1: 'user.city' is not a property a rule can use (user.department, user.usageLocation, user.jobTitle, user.accountEnabled).",
            MembershipRuleErrors.UnknownProperty("user.city", 1).Message);
        Assert.Equal("The membership rule ends too early at position 17: expected \"value\", true, false.",
            MembershipRuleErrors.UnexpectedEnd(17, "\"value\", true, false").Message);
    }
}
