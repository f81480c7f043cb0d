using LicenseAdmin.Domain.Groups;
using Superpower;
using Superpower.Model;
using Superpower.Parsers;
using Superpower.Tokenizers;

namespace LicenseAdmin.Infrastructure.Groups;

/// <summary>
/// Reads a dynamic group's membership rule (<c>user.department -eq "Sales" -and (user.usageLocation -eq "DK" -or
/// user.usageLocation -eq "SE")</c>) into the Domain's <see cref="MembershipRule"/>, with Superpower (decision 0015).
/// <c>-and</c> binds tighter than <c>-or</c>; parentheses group. A rule that cannot be used throws a
/// <see cref="Domain.DomainException"/> naming the 1-based character position and what is wrong there
/// (<see cref="MembershipRuleErrors"/>).
/// </summary>
public static class MembershipRuleParser
{
    private enum RuleToken
    {
        Word,
        Dash,
        Text,
        Open,
        Close,
    }

    private const string Properties = "user.department, user.usageLocation, user.jobTitle, user.accountEnabled";
    private const string Comparisons = "-eq, -ne, -startsWith";

    private static readonly Tokenizer<RuleToken> Tokens = new TokenizerBuilder<RuleToken>()
        .Ignore(Span.WhiteSpace)
        .Match(Character.EqualTo('('), RuleToken.Open)
        .Match(Character.EqualTo(')'), RuleToken.Close)
        .Match(Span.Regex("\"[^\"]*\""), RuleToken.Text)
        .Match(Span.Regex("-[A-Za-z]+"), RuleToken.Dash)
        .Match(Span.Regex("[A-Za-z_][A-Za-z0-9_.]*"), RuleToken.Word)
        .Build();

    private static readonly TokenListParser<RuleToken, RuleOperator> Comparison =
        Token.EqualToValueIgnoreCase(RuleToken.Dash, "-eq").Value(RuleOperator.Equals)
            .Or(Token.EqualToValueIgnoreCase(RuleToken.Dash, "-ne").Value(RuleOperator.NotEquals))
            .Or(Token.EqualToValueIgnoreCase(RuleToken.Dash, "-startsWith").Value(RuleOperator.StartsWith))
            .Named(Comparisons);

    private static readonly TokenListParser<RuleToken, Token<RuleToken>> Value =
        Token.EqualTo(RuleToken.Text).Or(Token.EqualTo(RuleToken.Word)).Named("\"value\", true, false");

    private static readonly TokenListParser<RuleToken, MembershipRule> Condition =
        from property in Token.EqualTo(RuleToken.Word).Named(Properties)
        from comparison in Comparison
        from value in Value
        select Build(property, comparison, value);

    private static readonly TokenListParser<RuleToken, MembershipRule> Factor =
        Condition.Or(
            from open in Token.EqualTo(RuleToken.Open)
            from inner in Superpower.Parse.Ref(() => Expression!)
            from close in Token.EqualTo(RuleToken.Close).Named(")")
            select inner);

    private static readonly TokenListParser<RuleToken, MembershipRule> Conjunction =
        Superpower.Parse.Chain(Token.EqualToValueIgnoreCase(RuleToken.Dash, "-and").Named("-and"), Factor, (_, left, right) => new RuleAnd(left, right));

    private static readonly TokenListParser<RuleToken, MembershipRule> Expression =
        Superpower.Parse.Chain(Token.EqualToValueIgnoreCase(RuleToken.Dash, "-or").Named("-or"), Conjunction, (_, left, right) => new RuleOr(left, right));

    private static readonly TokenListParser<RuleToken, MembershipRule> Rule = Expression.AtEnd();

    /// <summary>The rule of <paramref name="text"/>, or a <see cref="Domain.DomainException"/> saying where and why it cannot be used.</summary>
    public static MembershipRule Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw MembershipRuleErrors.Empty();

        var tokens = Tokens.TryTokenize(text);
        if (!tokens.HasValue)
        {
            var at = tokens.ErrorPosition.Absolute;
            if (at < text.Length && text[at] == '"') throw MembershipRuleErrors.UnclosedString(at + 1);
            if (at < text.Length && text[at] == '-') throw MembershipRuleErrors.Syntax(at + 1, $"'{Word(text, at)}'", Comparisons);
            throw MembershipRuleErrors.UnexpectedCharacter(at < text.Length ? text[at] : ' ', at + 1);
        }

        var result = Rule.TryParse(tokens.Value);
        if (result.HasValue) return result.Value;

        var expected = result.Expectations is { Length: > 0 } names ? string.Join(", ", names.Distinct()) : "-and, -or";
        if (result.Remainder.IsAtEnd) throw MembershipRuleErrors.UnexpectedEnd(text.TrimEnd().Length + 1, expected);
        var found = result.Remainder.ConsumeToken().Value;
        throw MembershipRuleErrors.Syntax(found.Position.Absolute + 1, $"'{found.ToStringValue()}'", expected);
    }

    private static MembershipRule Build(Token<RuleToken> property, RuleOperator comparison, Token<RuleToken> value)
    {
        var name = property.ToStringValue();
        if (!MembershipRule.PropertyNames.TryGetValue(name, out var known))
            throw MembershipRuleErrors.UnknownProperty(name, property.Position.Absolute + 1);

        var raw = value.ToStringValue();
        var isText = value.Kind == RuleToken.Text;
        if (known == RuleProperty.AccountEnabled)
        {
            if (comparison == RuleOperator.StartsWith) throw MembershipRuleErrors.StartsWithOnBoolean(property.Position.Absolute + 1);
            var flag = isText ? raw[1..^1] : raw;
            if (!bool.TryParse(flag, out var enabled)) throw MembershipRuleErrors.NotBoolean(raw, value.Position.Absolute + 1);
            return new RuleCondition(known, comparison, enabled ? "true" : "false");
        }

        if (!isText) throw MembershipRuleErrors.Syntax(value.Position.Absolute + 1, $"'{raw}'", "\"value\"");
        return new RuleCondition(known, comparison, raw[1..^1]);
    }

    private static string Word(string text, int at)
    {
        var end = at + 1;
        while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not '(' and not ')' and not '"') end++;
        return text[at..end];
    }
}
