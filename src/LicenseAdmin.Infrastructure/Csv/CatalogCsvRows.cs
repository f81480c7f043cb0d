namespace LicenseAdmin.Infrastructure.Csv;

/// <summary>Which of the three catalog files a CSV is, told by its header.</summary>
public enum CatalogFileKind
{
    /// <summary>Microsoft's "Product names and service plan identifiers for licensing" format.</summary>
    Products,
    ExclusivePlans,
    PlanDependencies,
}

public sealed record ProductPlanRow(int Line, string ProductName, string PartNumber, Guid SkuId, string PlanName, Guid PlanId, string PlanFriendlyName);

public sealed record ExclusivePlanRow(int Line, string PlanAName, Guid PlanAId, string PlanBName, Guid PlanBId, string Source);

public sealed record PlanDependencyRow(int Line, string PlanName, Guid PlanId, string RequiredPlanName, Guid RequiredPlanId, string Source);

/// <summary>What one file held after parsing; exactly one of the lists is filled, by <see cref="Kind"/>.</summary>
public sealed record CatalogFile(
    string SourceName,
    CatalogFileKind Kind,
    IReadOnlyList<ProductPlanRow> ProductPlans,
    IReadOnlyList<ExclusivePlanRow> ExclusivePairs,
    IReadOnlyList<PlanDependencyRow> Dependencies);

/// <summary>A catalog file could not be read. Every problem is listed with its line number; nothing was imported.</summary>
public sealed class CatalogImportException(string sourceName, IReadOnlyList<string> problems)
    : Exception(Describe(sourceName, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;

    private const int MaxListed = 20;

    private static string Describe(string sourceName, IReadOnlyList<string> problems)
    {
        var listed = string.Join(Environment.NewLine, problems.Take(MaxListed).Select(p => "  " + p));
        var more = problems.Count > MaxListed ? $"{Environment.NewLine}  … and {problems.Count - MaxListed} more." : string.Empty;
        var noun = problems.Count == 1 ? "problem" : "problems";
        return $"The catalog file '{sourceName}' has {problems.Count} {noun}; nothing was imported.{Environment.NewLine}{listed}{more}";
    }
}
