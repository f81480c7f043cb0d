using System.Linq.Expressions;

namespace LicenseAdmin.Infrastructure.Persistence;

/// <summary>
/// Builds one database predicate out of conditions written as C# lambdas: each lambda's body is re-bound to the shared
/// parameter, so the bodies can be combined with and/or and EF Core still translates the whole to SQL (the API's user
/// and group queries).
/// </summary>
public static class PredicateInlining
{
    public static Expression Inline<T>(ParameterExpression shared, Expression<Func<T, bool>> lambda) =>
        new Rebind(lambda.Parameters[0], shared).Visit(lambda.Body);

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
