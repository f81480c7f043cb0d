using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Groups;
using LicenseAdmin.Infrastructure.Groups;
using LicenseAdmin.Infrastructure.Tests.Support;

namespace LicenseAdmin.Infrastructure.Tests.Groups;

/// <remarks>No database: these run once, in the SQLite pass.</remarks>
[Trait(TestProvider.Trait, TestProvider.Sqlite)]
public sealed class MembershipRuleParserTests
{
    private static readonly RuleSubject SalesInDenmark = new("Sales", "DK", "Account Manager", AccountEnabled: true);
    private static readonly RuleSubject SalesInSweden = SalesInDenmark with { UsageLocation = "SE" };
    private static readonly RuleSubject FinanceInDenmark = SalesInDenmark with { Department = "Finance" };

    [Fact]
    public void AConditionJoinedWithAnd_MatchesOnlyUsersMeetingBoth()
    {
        var rule = MembershipRuleParser.Parse("user.department -eq \"Sales\" -and user.usageLocation -eq \"DK\"");

        Assert.True(rule.Matches(SalesInDenmark));
        Assert.False(rule.Matches(SalesInSweden));
        Assert.False(rule.Matches(FinanceInDenmark));
    }

    [Fact]
    public void AndBindsTighterThanOr_AndParenthesesGroup()
    {
        var loose = MembershipRuleParser.Parse("user.department -eq \"Finance\" -or user.department -eq \"Sales\" -and user.usageLocation -eq \"SE\"");
        var grouped = MembershipRuleParser.Parse("(user.department -eq \"Finance\" -or user.department -eq \"Sales\") -and user.usageLocation -eq \"SE\"");

        Assert.True(loose.Matches(FinanceInDenmark));
        Assert.False(grouped.Matches(FinanceInDenmark));
        Assert.True(grouped.Matches(SalesInSweden));
    }

    [Fact]
    public void NotEqualsStartsWithAndAccountEnabled_AreUnderstood()
    {
        var rule = MembershipRuleParser.Parse("user.jobTitle -startsWith \"Account\" -and user.department -ne \"Finance\" -and user.accountEnabled -eq true");

        Assert.True(rule.Matches(SalesInDenmark));
        Assert.False(rule.Matches(SalesInDenmark with { AccountEnabled = false }));
        Assert.False(rule.Matches(FinanceInDenmark));
    }

    [Fact]
    public void OperatorsAndPropertyNames_IgnoreCase()
    {
        var rule = MembershipRuleParser.Parse("USER.DEPARTMENT -EQ \"sales\"");

        Assert.Equal(new RuleCondition(RuleProperty.Department, RuleOperator.Equals, "sales"), rule);
    }

    [Theory]
    [InlineData("", "A dynamic group needs a membership rule, e.g. user.department -eq \"Sales\".")]
    [InlineData("user.city -eq \"Aarhus\"",
        "The membership rule is not valid at position 1: 'user.city' is not a property a rule can use (user.department, user.usageLocation, user.jobTitle, user.accountEnabled).")]
    [InlineData("user.department -eqq \"Sales\"",
        "The membership rule is not valid at position 17: found '-eqq', expected -eq, -ne, -startsWith.")]
    [InlineData("user.department -eq \"Sales",
        "The membership rule is not valid at position 21: a quoted value is not closed with \".")]
    [InlineData("user.department -eq",
        "The membership rule ends too early at position 20: expected \"value\", true, false.")]
    [InlineData("user.department -eq \"Sales\" user.usageLocation -eq \"DK\"",
        "The membership rule is not valid at position 29: found 'user.usageLocation', expected -and, -or.")]
    [InlineData("user.accountEnabled -eq \"yes\"",
        "The membership rule is not valid at position 25: user.accountEnabled is compared with true or false, not '\"yes\"'.")]
    [InlineData("user.accountEnabled -startsWith true",
        "The membership rule is not valid at position 1: -startsWith cannot be used with user.accountEnabled.")]
    [InlineData("user.department -eq Sales",
        "The membership rule is not valid at position 21: found 'Sales', expected \"value\".")]
    [InlineData("(user.department -eq \"Sales\"",
        "The membership rule ends too early at position 29: expected ).")]
    [InlineData("user.department = \"Sales\"",
        "The membership rule is not valid at position 17: the character '=' cannot be used here.")]
    public void ARuleThatCannotBeUsed_IsRefusedNamingWhereAndWhy(string text, string message)
    {
        var refused = Assert.ThrowsAny<DomainException>(() => MembershipRuleParser.Parse(text));

        Assert.Equal(message, refused.Message);
    }
}
