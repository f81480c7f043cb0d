using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Services.Auditing;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace LicenseAdmin.Web.GraphApi;

/// <summary>
/// Parses <c>/auditLogs/directoryAudits</c> query options with Microsoft.OData.Core over a small model of Graph's
/// directoryAudit and maps the supported subset to the audit log's query: <c>and</c> of <c>activityDateTime</c>
/// <c>ge/gt/le/lt</c>, <c>category eq</c> and <c>activityDisplayName eq</c>. Anything else names itself in a 400.
/// </summary>
public static class GraphAuditQueryParser
{
    private static readonly IEdmModel Model;

    static GraphAuditQueryParser()
    {
        var model = new EdmModel();
        var audit = new EdmEntityType("microsoft.graph", "directoryAudit");
        audit.AddKeys(audit.AddStructuralProperty("id", EdmPrimitiveTypeKind.String));
        foreach (var text in new[] { "category", "activityDisplayName", "result", "resultReason", "correlationId", "loggedByService", "operationType" })
            audit.AddStructuralProperty(text, EdmPrimitiveTypeKind.String);
        audit.AddStructuralProperty("activityDateTime", EdmPrimitiveTypeKind.DateTimeOffset);
        model.AddElement(audit);
        var container = new EdmEntityContainer("microsoft.graph", "GraphService");
        model.AddElement(container);
        container.AddEntitySet("directoryAudits", audit);
        Model = model;
    }

    public static AuditLogQuery Parse(IQueryCollection query)
    {
        foreach (var key in query.Keys.Where(k => k.StartsWith('$')))
        {
            if (key is not ("$filter" or "$top" or "$skiptoken"))
                throw GraphRequestException.UnsupportedQuery($"The query option '{key}' is not supported.");
        }
        if (!query.TryGetValue("$filter", out var text)) return new AuditLogQuery();

        var parser = new ODataUriParser(Model, new Uri("directoryAudits?$filter=" + Uri.EscapeDataString(text.ToString()), UriKind.Relative))
        {
            Resolver = new ODataUriResolver { EnableCaseInsensitive = true },
        };
        FilterClause filter;
        try
        {
            filter = parser.ParseFilter();
        }
        catch (ODataException ex)
        {
            throw GraphRequestException.UnsupportedQuery($"Invalid filter clause: {ex.Message}");
        }

        var result = new AuditLogQuery();
        foreach (var condition in Conjuncts(filter.Expression)) result = Apply(result, condition);
        if (result.FromUtc is { } from && result.ToUtc is { } to && to < from)
            throw GraphRequestException.BadRequest("The activityDateTime range of $filter is empty: its end is before its start.");
        return result;
    }

    private static IEnumerable<BinaryOperatorNode> Conjuncts(SingleValueNode node) => Strip(node) switch
    {
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And } and => Conjuncts(and.Left).Concat(Conjuncts(and.Right)),
        BinaryOperatorNode compare when compare.OperatorKind != BinaryOperatorKind.Or => [compare],
        BinaryOperatorNode => throw GraphRequestException.UnsupportedQuery("The operator 'Or' is not supported in $filter on directoryAudits; combine conditions with 'and'."),
        var other => throw GraphRequestException.UnsupportedQuery($"The $filter expression '{other.Kind}' is not supported on directoryAudits."),
    };

    private static AuditLogQuery Apply(AuditLogQuery query, BinaryOperatorNode compare)
    {
        var property = Strip(compare.Left) is SingleValuePropertyAccessNode { Property.Name: var name } ? name : null;
        var value = (Strip(compare.Right) as ConstantNode)?.Value;
        switch (property, compare.OperatorKind, value)
        {
            case ("activityDateTime", var op, DateTimeOffset at):
                var utc = at.UtcDateTime;
                return op switch
                {
                    BinaryOperatorKind.GreaterThanOrEqual => query with { FromUtc = Later(query.FromUtc, utc) },
                    BinaryOperatorKind.GreaterThan => query with { FromUtc = Later(query.FromUtc, utc.AddTicks(1)) },
                    BinaryOperatorKind.LessThanOrEqual => query with { ToUtc = Earlier(query.ToUtc, utc) },
                    BinaryOperatorKind.LessThan => query with { ToUtc = Earlier(query.ToUtc, utc.AddTicks(-1)) },
                    _ => throw GraphRequestException.UnsupportedQuery($"activityDateTime supports ge, gt, le and lt; not '{op}'."),
                };
            case ("category", BinaryOperatorKind.Equal, string category):
                var known = AuditCategory.All.FirstOrDefault(c => string.Equals(c, category, StringComparison.OrdinalIgnoreCase))
                    ?? throw GraphRequestException.BadRequest($"'{category}' is not a category of directoryAudits. Use one of: {string.Join(", ", AuditCategory.All)}.");
                var actions = AuditCategory.ActionsOf(known);
                return query with { Actions = query.Actions is null ? actions : query.Actions.Intersect(actions).ToList() };
            case ("activityDisplayName", BinaryOperatorKind.Equal, string activity):
                var action = AuditAction.All.FirstOrDefault(a => string.Equals(a, activity, StringComparison.OrdinalIgnoreCase))
                    ?? throw GraphRequestException.BadRequest($"'{activity}' is not an activity of directoryAudits. Use one of: {string.Join(", ", AuditAction.All)}.");
                return query with { Action = action };
            case ("category" or "activityDisplayName", var op, _):
                throw GraphRequestException.UnsupportedQuery($"{property} supports only eq with a text value; not '{op}'.");
            case (null, _, _):
                throw GraphRequestException.UnsupportedQuery("Only properties can be compared in $filter on directoryAudits.");
            default:
                throw GraphRequestException.UnsupportedQuery($"Filtering directoryAudits on the property '{property}' is not supported; use activityDateTime, category or activityDisplayName.");
        }
    }

    private static DateTime Later(DateTime? current, DateTime value) => current is { } c && c > value ? c : value;

    private static DateTime Earlier(DateTime? current, DateTime value) => current is { } c && c < value ? c : value;

    private static SingleValueNode Strip(SingleValueNode node) => node is ConvertNode convert ? Strip(convert.Source) : node;
}
