using LicenseAdmin.Infrastructure.Services.Groups;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace LicenseAdmin.Web.GraphApi;

/// <summary>
/// A small EDM model of Graph's group, only so Microsoft.OData.Core's URI parser can parse <c>$filter</c> and
/// <c>$select</c> on <c>/groups</c> the way Graph does; what is supported is decided in <see cref="GraphGroupQueryParser"/>.
/// </summary>
public static class GraphGroupModel
{
    public static readonly IEdmModel Model;

    /// <summary>The group properties a response can carry, as <c>$select</c> names them.</summary>
    public static readonly IReadOnlyList<string> Properties =
    [
        "id", "displayName", "description", "groupTypes", "membershipRule", "membershipRuleProcessingState", "mailEnabled",
        "securityEnabled", "mailNickname", "createdDateTime", "hasMembersWithLicenseErrors", "assignedLicenses",
    ];

    static GraphGroupModel()
    {
        var model = new EdmModel();
        var assignedLicense = new EdmComplexType("microsoft.graph", "assignedLicense");
        assignedLicense.AddStructuralProperty("skuId", EdmPrimitiveTypeKind.Guid);
        assignedLicense.AddStructuralProperty("disabledPlans", new EdmCollectionTypeReference(new EdmCollectionType(EdmCoreModel.Instance.GetGuid(false))));
        model.AddElement(assignedLicense);

        var group = new EdmEntityType("microsoft.graph", "group");
        group.AddKeys(group.AddStructuralProperty("id", EdmPrimitiveTypeKind.String));
        foreach (var text in new[] { "displayName", "description", "membershipRule", "membershipRuleProcessingState", "mailNickname" })
            group.AddStructuralProperty(text, EdmPrimitiveTypeKind.String);
        foreach (var flag in new[] { "mailEnabled", "securityEnabled", "hasMembersWithLicenseErrors" })
            group.AddStructuralProperty(flag, EdmPrimitiveTypeKind.Boolean);
        group.AddStructuralProperty("createdDateTime", EdmPrimitiveTypeKind.DateTimeOffset);
        group.AddStructuralProperty("groupTypes", new EdmCollectionTypeReference(new EdmCollectionType(EdmCoreModel.Instance.GetString(false))));
        group.AddStructuralProperty("assignedLicenses", new EdmCollectionTypeReference(new EdmCollectionType(new EdmComplexTypeReference(assignedLicense, false))));
        model.AddElement(group);
        var container = new EdmEntityContainer("microsoft.graph", "GraphService");
        model.AddElement(container);
        container.AddEntitySet("groups", group);
        Model = model;
    }
}

/// <summary>The parsed query options of a group list: the query for the service, and what to put in the answer.</summary>
public sealed record GraphGroupListRequest(GroupQuery Query, IReadOnlyList<string>? Select, bool Eventual);

/// <summary>Where a page of groups ended, as the opaque <c>$skiptoken</c> of a next link.</summary>
public sealed record GroupSkipToken(GroupKey After, bool Eventual)
{
    public string Write() => OpaqueToken.Write(this);

    public static GroupSkipToken Read(string text) => OpaqueToken.Read<GroupSkipToken>(text);
}

/// <summary>
/// Parses <c>/groups</c> query options with Microsoft.OData.Core's <see cref="ODataUriParser"/> over <see cref="GraphGroupModel"/>
/// and maps the supported subset ($filter on displayName with eq, ne, startsWith, and hasMembersWithLicenseErrors eq; and,
/// or; $select; $top; $count; $orderby=displayName) to a <see cref="GroupQuery"/>; anything else is a 400
/// Request_UnsupportedQuery naming the part.
/// </summary>
public static class GraphGroupQueryParser
{
    public static GraphGroupListRequest Parse(IQueryCollection query, bool consistencyEventual)
    {
        var token = query.TryGetValue("$skiptoken", out var skip) ? GroupSkipToken.Read(skip.ToString()) : null;
        var eventual = consistencyEventual || token?.Eventual == true;
        foreach (var key in query.Keys.Where(k => k.StartsWith('$')))
        {
            if (key is not ("$filter" or "$select" or "$top" or "$orderby" or "$count" or "$skiptoken"))
                throw GraphRequestException.UnsupportedQuery($"The query option '{key}' is not supported on groups.");
        }
        var parser = Parser(query, "$filter", "$select", "$orderby");
        // As on /users: each option parsed on its own, so the refusal names the option that is wrong.
        var filter = GraphUserQueryParser.Clause("Invalid filter clause", parser.ParseFilter);
        var select = GraphUserQueryParser.Clause(null, parser.ParseSelectAndExpand);
        var orderBy = GraphUserQueryParser.Clause("Invalid $orderby clause", parser.ParseOrderBy);
        if (orderBy is not null && (orderBy.ThenBy is not null || orderBy.Direction != OrderByDirection.Ascending
            || orderBy.Expression is not SingleValuePropertyAccessNode { Property.Name: "displayName" }))
            throw GraphRequestException.UnsupportedQuery("Groups can only be sorted by displayName, ascending.");
        var count = query.TryGetValue("$count", out var countText) && GraphUserQueryParser.ParseCount(countText.ToString());
        if (count && !eventual)
            throw GraphRequestException.UnsupportedQuery("$count is an advanced query: send the header 'ConsistencyLevel: eventual'.");
        var condition = filter is null ? null : Translate(filter.Expression);
        var top = GraphUserQueryParser.Top(query, GroupQueryService.MaxTop);
        return new GraphGroupListRequest(new GroupQuery(condition, top, token?.After, count), Selected(select), eventual);
    }

    /// <summary>The <c>$select</c> of a single group (no other query option); null when there is none.</summary>
    public static IReadOnlyList<string>? SelectOnly(IQueryCollection query)
    {
        foreach (var key in query.Keys.Where(k => k.StartsWith('$')))
        {
            if (key != "$select") throw GraphRequestException.UnsupportedQuery($"The query option '{key}' is not supported.");
        }
        return Selected(GraphUserQueryParser.Clause(null, Parser(query, "$select").ParseSelectAndExpand));
    }

    private static ODataUriParser Parser(IQueryCollection query, params string[] options)
    {
        var text = string.Join("&", query.Where(p => options.Contains(p.Key)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value.ToString())}"));
        // Graph writes functions in camelCase (startsWith), OData 4.0 in lower case: accept both, as Graph does.
        return new ODataUriParser(GraphGroupModel.Model, new Uri("groups" + (text.Length == 0 ? string.Empty : "?" + text), UriKind.Relative))
        {
            Resolver = new ODataUriResolver { EnableCaseInsensitive = true },
        };
    }

    private static IReadOnlyList<string>? Selected(SelectExpandClause? select)
    {
        if (select is null || select.AllSelected) return null;
        return select.SelectedItems.OfType<PathSelectItem>().Select(item => item.SelectedPath.FirstSegment.Identifier).Distinct().ToList();
    }

    private static GroupCondition Translate(SingleValueNode node) => Strip(node) switch
    {
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And } and => new GroupAllOf(Translate(and.Left), Translate(and.Right)),
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Or } or => new GroupAnyOf(Translate(or.Left), Translate(or.Right)),
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Equal or BinaryOperatorKind.NotEqual } compare => Comparison(compare),
        SingleValueFunctionCallNode { Name: "startswith" } call => StartsWith(call),
        var other => throw Unsupported(other),
    };

    private static GroupCondition Comparison(BinaryOperatorNode compare)
    {
        var negated = compare.OperatorKind == BinaryOperatorKind.NotEqual;
        var value = Strip(compare.Right) as ConstantNode ?? throw Unsupported(compare.Right);
        return PropertyOf(compare.Left) switch
        {
            "displayName" when value.Value is string or null => new GroupNameEquals(value.Value as string, negated),
            "hasMembersWithLicenseErrors" when !negated && value.Value is bool withErrors => new GroupHasMembersWithLicenseErrors(withErrors),
            "hasMembersWithLicenseErrors" => throw GraphRequestException.UnsupportedQuery("hasMembersWithLicenseErrors supports only eq true or eq false."),
            _ => throw Unsupported(compare.Left),
        };
    }

    private static GroupCondition StartsWith(SingleValueFunctionCallNode call)
    {
        var arguments = call.Parameters.Select(p => p is SingleValueNode single ? Strip(single) : p).ToList();
        if (arguments is [SingleValueNode property, ConstantNode { Value: string prefix }] && PropertyOf(property) == "displayName")
            return new GroupNameStartsWith(prefix);
        throw GraphRequestException.UnsupportedQuery("startsWith is supported on displayName with a text value.");
    }

    private static string? PropertyOf(SingleValueNode node) =>
        Strip(node) is SingleValuePropertyAccessNode { Source: ResourceRangeVariableReferenceNode, Property.Name: var name } ? name : null;

    private static SingleValueNode Strip(SingleValueNode node) => node is ConvertNode convert ? Strip(convert.Source) : node;

    private static GraphRequestException Unsupported(QueryNode node) => GraphRequestException.UnsupportedQuery(node switch
    {
        SingleValuePropertyAccessNode property => $"Filtering groups on the property '{property.Property.Name}' is not supported; filter on displayName or hasMembersWithLicenseErrors.",
        CollectionPropertyAccessNode property => $"Filtering groups on the property '{property.Property.Name}' is not supported; filter on displayName or hasMembersWithLicenseErrors.",
        BinaryOperatorNode binary => $"The operator '{binary.OperatorKind}' is not supported in $filter.",
        SingleValueFunctionCallNode function => $"The function '{function.Name}' is not supported in $filter.",
        _ => $"The $filter expression '{node.Kind}' is not supported.",
    });
}
