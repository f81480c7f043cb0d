using System.Globalization;
using System.Text;
using System.Text.Json;
using LicenseAdmin.Infrastructure.Services.Users;
using Microsoft.OData;
using Microsoft.OData.UriParser;

namespace LicenseAdmin.Web.GraphApi;

/// <summary>The parsed query options of a user list: the query for the service, and what to put in the answer.</summary>
public sealed record GraphUserListRequest(UserQuery Query, IReadOnlyList<string>? Select, bool Eventual);

/// <summary>
/// Parses <c>/users</c> query options with Microsoft.OData.Core's <see cref="ODataUriParser"/> over <see cref="GraphUserModel"/>
/// and maps the supported subset to a <see cref="UserQuery"/>; anything else is a 400 Request_UnsupportedQuery naming the part.
/// </summary>
public static class GraphUserQueryParser
{
    public const int DefaultTop = 100;

    public static GraphUserListRequest Parse(IQueryCollection query, bool consistencyEventual)
    {
        var token = query.TryGetValue("$skiptoken", out var skip) ? SkipToken.Read(skip.ToString()) : null;
        var eventual = consistencyEventual || token?.Eventual == true;
        foreach (var key in query.Keys.Where(k => k.StartsWith('$')))
        {
            if (key is not ("$filter" or "$select" or "$top" or "$orderby" or "$count" or "$skiptoken" or "$search"))
                throw GraphRequestException.UnsupportedQuery($"The query option '{key}' is not supported.");
        }

        // Graph writes functions in camelCase (startsWith), OData 4.0 in lower case: accept both, as Graph does.
        var parser = new ODataUriParser(GraphUserModel.Model, new Uri("users" + QueryString(query), UriKind.Relative))
        {
            Resolver = new ODataUriResolver { EnableCaseInsensitive = true },
        };
        // Each option is parsed on its own, so the refusal names the option that is wrong.
        var filter = Clause("Invalid filter clause", parser.ParseFilter);
        var select = Clause(null, parser.ParseSelectAndExpand);
        var orderBy = Clause("Invalid $orderby clause", parser.ParseOrderBy);
        var search = Clause("Invalid $search clause", parser.ParseSearch);

        var count = query.TryGetValue("$count", out var countText) && ParseCount(countText.ToString());
        var conditions = filter is null ? null : new FilterTranslator(eventual).Translate(filter.Expression);
        if (search is not null)
        {
            if (!eventual)
                throw GraphRequestException.UnsupportedQuery("Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
            var searched = SearchTranslator.Translate(search.Expression);
            conditions = conditions is null ? searched : new AllOf(conditions, searched);
        }
        if (count && !eventual)
            throw GraphRequestException.UnsupportedQuery("$count is an advanced query: send the header 'ConsistencyLevel: eventual'.");
        var (orderField, descending) = Order(orderBy);
        var top = Top(query);
        var selected = Selected(select);
        var states = selected?.Contains("licenseAssignmentStates") == true;
        return new GraphUserListRequest(new UserQuery(conditions, orderField, descending, top, token?.After, count, states), selected, eventual);
    }

    /// <summary>
    /// The <c>$select</c> of a request that takes no other query option than those allowed (a single user, deleted items),
    /// parsed like a list's; null when there is none.
    /// </summary>
    public static IReadOnlyList<string>? SelectOnly(IQueryCollection query, params string[] allowed)
    {
        foreach (var key in query.Keys.Where(k => k.StartsWith('$')))
        {
            if (key != "$select" && !allowed.Contains(key))
                throw GraphRequestException.UnsupportedQuery($"The query option '{key}' is not supported.");
        }
        if (!query.TryGetValue("$select", out var text)) return null;
        var parser = new ODataUriParser(GraphUserModel.Model, new Uri("users?$select=" + Uri.EscapeDataString(text.ToString()), UriKind.Relative))
        {
            Resolver = new ODataUriResolver { EnableCaseInsensitive = true },
        };
        try
        {
            return Selected(parser.ParseSelectAndExpand());
        }
        catch (ODataException ex)
        {
            throw GraphRequestException.UnsupportedQuery(ex.Message);
        }
    }

    /// <summary>Runs one clause's parse; the parser's sentence is the message, after the option's prefix when it has one.</summary>
    internal static T? Clause<T>(string? prefix, Func<T?> parse) where T : class
    {
        try
        {
            return parse();
        }
        catch (ODataException ex)
        {
            var message = prefix is null || ex.Message.StartsWith(prefix, StringComparison.Ordinal) ? ex.Message : $"{prefix}: {ex.Message}";
            throw GraphRequestException.UnsupportedQuery(message);
        }
    }

    /// <summary>$top of a page: 1 to <paramref name="max"/>, the default when absent; anything else is Graph's page-size refusal.</summary>
    public static int Top(IQueryCollection query, int max)
    {
        if (!query.TryGetValue("$top", out var text)) return Math.Min(DefaultTop, max);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var top) || top < 1 || top > max)
            throw GraphRequestException.BadRequest($"Invalid page size specified: '{text}'. Must be between 1 and {max} inclusive.");
        return top;
    }

    private static string QueryString(IQueryCollection query)
    {
        var parts = query.Where(p => p.Key is "$filter" or "$select" or "$orderby" or "$search")
            .Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value.ToString())}");
        var text = string.Join("&", parts);
        return text.Length == 0 ? string.Empty : "?" + text;
    }

    internal static bool ParseCount(string value) => value switch
    {
        "true" => true,
        "false" => false,
        _ => throw GraphRequestException.UnsupportedQuery($"The value '{value}' of $count is not valid; use true or false."),
    };

    private static int Top(IQueryCollection query) => Top(query, UserQueryService.MaxTop);

    private static (UserField Field, bool Descending) Order(OrderByClause? orderBy)
    {
        if (orderBy is null) return (UserField.DisplayName, false);
        if (orderBy.ThenBy is not null) throw GraphRequestException.UnsupportedQuery("$orderby supports one property.");
        var field = orderBy.Expression is SingleValuePropertyAccessNode { Property.Name: var name } ? name : null;
        return field switch
        {
            "displayName" => (UserField.DisplayName, orderBy.Direction == OrderByDirection.Descending),
            "userPrincipalName" => (UserField.UserPrincipalName, orderBy.Direction == OrderByDirection.Descending),
            _ => throw GraphRequestException.UnsupportedQuery($"Sorting by '{field ?? "that expression"}' is not supported; sort by displayName or userPrincipalName."),
        };
    }

    private static IReadOnlyList<string>? Selected(SelectExpandClause? select)
    {
        if (select is null || select.AllSelected) return null;
        return select.SelectedItems.OfType<PathSelectItem>()
            .Select(item => item.SelectedPath.FirstSegment.Identifier)
            .Distinct().ToList();
    }

    /// <summary>
    /// The condition of <c>GET /users/$count</c>: its <c>$filter</c> and <c>$search</c>, which like the count itself need
    /// <c>ConsistencyLevel: eventual</c>.
    /// </summary>
    public static UserCondition? CountCondition(IQueryCollection query, bool consistencyEventual)
    {
        if (!consistencyEventual)
            throw GraphRequestException.UnsupportedQuery("$count is an advanced query: send the header 'ConsistencyLevel: eventual'.");
        foreach (var key in query.Keys.Where(k => k.StartsWith('$')))
        {
            if (key is not ("$filter" or "$search"))
                throw GraphRequestException.UnsupportedQuery($"The query option '{key}' is not supported on /users/$count.");
        }
        return Parse(query, consistencyEventual).Query.Filter;
    }

    /// <summary>
    /// Maps the parsed <c>$search</c> (Microsoft.OData.Core's search parser: quoted terms with AND, OR, NOT) to
    /// conditions; each term is <c>"property:word"</c> on a text property Graph searches.
    /// </summary>
    private static class SearchTranslator
    {
        private static readonly Dictionary<string, UserField> Searchable = new(StringComparer.OrdinalIgnoreCase)
        {
            ["displayName"] = UserField.DisplayName, ["givenName"] = UserField.GivenName, ["surname"] = UserField.Surname,
            ["mail"] = UserField.Mail, ["userPrincipalName"] = UserField.UserPrincipalName, ["jobTitle"] = UserField.JobTitle,
            ["department"] = UserField.Department,
        };

        public static UserCondition Translate(SingleValueNode node) => node switch
        {
            BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And } and => new AllOf(Translate(and.Left), Translate(and.Right)),
            BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Or } or => new AnyOf(Translate(or.Left), Translate(or.Right)),
            UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Not } not => new NotCondition(Translate(not.Operand)),
            SearchTermNode term => Term(term.Text),
            _ => throw GraphRequestException.UnsupportedQuery($"The $search expression '{node.Kind}' is not supported."),
        };

        private static UserCondition Term(string text)
        {
            var colon = text.IndexOf(':');
            if (colon <= 0)
                throw GraphRequestException.UnsupportedQuery($"The $search term '{text}' names no property; write it as \"displayName:{text}\".");
            var property = text[..colon].Trim();
            var word = text[(colon + 1)..].Trim();
            if (!Searchable.TryGetValue(property, out var field))
                throw GraphRequestException.UnsupportedQuery(
                    $"Searching on the property '{property}' is not supported; search displayName, givenName, surname, mail, userPrincipalName, jobTitle or department.");
            if (word.Length == 0) throw GraphRequestException.UnsupportedQuery($"The $search term '{text}' has no word to search for.");
            return new FieldSearch(field, word);
        }
    }

    /// <summary>Maps the parsed filter tree to the service's conditions; an unsupported node names itself.</summary>
    private sealed class FilterTranslator(bool eventual)
    {
        private static readonly Dictionary<string, UserField> Fields = new()
        {
            ["id"] = UserField.Id, ["displayName"] = UserField.DisplayName, ["givenName"] = UserField.GivenName, ["surname"] = UserField.Surname,
            ["userPrincipalName"] = UserField.UserPrincipalName, ["mail"] = UserField.Mail, ["department"] = UserField.Department,
            ["jobTitle"] = UserField.JobTitle, ["usageLocation"] = UserField.UsageLocation, ["accountEnabled"] = UserField.AccountEnabled,
        };

        public UserCondition Translate(SingleValueNode node) => Strip(node) switch
        {
            BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And } and => new AllOf(Translate(and.Left), Translate(and.Right)),
            BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Or } or => new AnyOf(Translate(or.Left), Translate(or.Right)),
            UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Not } not => new NotCondition(Translate(not.Operand)),
            BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Equal or BinaryOperatorKind.NotEqual } compare => Comparison(compare),
            SingleValueFunctionCallNode { Name: "startswith" } call => StartsWith(call),
            AnyNode any => Any(any),
            var other => throw Unsupported(other),
        };

        private UserCondition Comparison(BinaryOperatorNode compare)
        {
            var negated = compare.OperatorKind == BinaryOperatorKind.NotEqual;
            var left = Strip(compare.Left);
            var right = Strip(compare.Right) as ConstantNode ?? throw Unsupported(compare.Right);
            if (left is CountNode { Source: CollectionComplexNode { } or CollectionPropertyAccessNode } count && PathOf(count.Source) == "assignedLicenses")
            {
                if (!eventual)
                    throw GraphRequestException.UnsupportedQuery("Filtering on assignedLicenses/$count is an advanced query: send the header 'ConsistencyLevel: eventual' and $count=true.");
                if (right.Value is not (0 or 0L)) throw GraphRequestException.UnsupportedQuery("assignedLicenses/$count can only be compared with 0.");
                return new LicenseCountIsZero(Licensed: negated);
            }
            var field = FieldOf(left);
            return new FieldEquals(field, right.Value, negated);
        }

        private UserCondition StartsWith(SingleValueFunctionCallNode call)
        {
            var arguments = call.Parameters.Select(p => p is SingleValueNode single ? Strip(single) : p).ToList();
            if (arguments is [SingleValueNode property, ConstantNode { Value: string prefix }] && FieldOf(property) is var field && field != UserField.AccountEnabled && field != UserField.Id)
                return new FieldStartsWith(field, prefix);
            throw GraphRequestException.UnsupportedQuery("startsWith is supported on text properties with a text value.");
        }

        private static UserCondition Any(AnyNode any)
        {
            if (PathOf(any.Source) != "assignedLicenses")
                throw GraphRequestException.UnsupportedQuery("any() is supported on assignedLicenses only.");
            if (Strip(any.Body) is BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Equal } body &&
                Strip(body.Left) is SingleValuePropertyAccessNode { Property.Name: "skuId" } &&
                Strip(body.Right) is ConstantNode { Value: Guid skuId })
                return new HoldsProduct(skuId);
            throw GraphRequestException.UnsupportedQuery("assignedLicenses/any() supports only x/skuId eq {skuId}.");
        }

        private static UserField FieldOf(SingleValueNode node) =>
            Strip(node) is SingleValuePropertyAccessNode { Source: ResourceRangeVariableReferenceNode, Property.Name: var name } && Fields.TryGetValue(name, out var field)
                ? field
                : throw Unsupported(node);

        private static string? PathOf(QueryNode node) => node switch
        {
            CollectionComplexNode complex => complex.Property.Name,
            CollectionPropertyAccessNode property => property.Property.Name,
            _ => null,
        };

        private static SingleValueNode Strip(SingleValueNode node) => node is ConvertNode convert ? Strip(convert.Source) : node;

        private static GraphRequestException Unsupported(QueryNode node) => GraphRequestException.UnsupportedQuery(node switch
        {
            SingleValuePropertyAccessNode property => $"Filtering on the property '{property.Property.Name}' is not supported.",
            BinaryOperatorNode binary => $"The operator '{binary.OperatorKind}' is not supported in $filter.",
            SingleValueFunctionCallNode function => $"The function '{function.Name}' is not supported in $filter.",
            _ => $"The $filter expression '{node.Kind}' is not supported.",
        });
    }
}

/// <summary>
/// The opaque <c>$skiptoken</c> of a next link: where the page ended, and whether the query was advanced (clients do
/// not repeat ConsistencyLevel when they follow the link).
/// </summary>
public sealed record SkipToken(UserKey After, bool Eventual)
{
    public string Write() => OpaqueToken.Write(this);

    public static SkipToken Read(string text) => OpaqueToken.Read<SkipToken>(text);
}

/// <summary>Where a page ended, as the opaque base64url <c>$skiptoken</c> of a next link (no <c>{</c> or <c>}</c>, safe in a URL).</summary>
public static class OpaqueToken
{
    public static string Write<T>(T value) => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(value, GraphErrors.Json))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static T Read<T>(string text)
    {
        try
        {
            var base64 = text.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            return JsonSerializer.Deserialize<T>(Convert.FromBase64String(base64), GraphErrors.Json)
                ?? throw new FormatException();
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            throw GraphRequestException.BadRequest("The $skiptoken is not valid; follow @odata.nextLink as it was returned.");
        }
    }
}
