using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Infrastructure.Csv;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LicenseAdmin.Infrastructure.Services.Catalog;

public sealed record CatalogImportResult(
    string SourceName, CatalogFileKind Kind, int ProductsAdded, int ProductsUpdated, int PlansAdded, int RulesAdded);

/// <summary>
/// Imports catalog files into the shared product catalog in one transaction: products and plans are
/// added or renamed by id, rules are added; nothing is removed, so assignments never lose their product.
/// </summary>
public sealed class CatalogImporter(TenantDbContextFactory contexts, ILogger<CatalogImporter> logger)
{
    private const string OperatorImport =
        "The catalog is shared by every tenant and imported by the operator at start-up or from the command line; no admin of a tenant acts, so there is no caller to check or audit (the import is logged).";

    private const string ShippedResourcePrefix = "LicenseAdmin.Catalog.";
    private static readonly string[] ShippedFiles = ["skus.csv", "exclusive_plans.csv", "plan_dependencies.csv"];

    [NotAudited(OperatorImport)]
    public async Task<CatalogImportResult> ImportFileAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            throw new CatalogImportException(path, ["the file does not exist."]);
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var file = CatalogCsvReader.Read(reader, Path.GetFileName(path));
        return (await ImportAsync([file], cancellationToken)).Single();
    }

    /// <summary>Imports the catalog shipped with the product when the catalog is empty.</summary>
    [NotAudited(OperatorImport)]
    public async Task<bool> SeedShippedCatalogIfEmptyAsync(CancellationToken cancellationToken)
    {
        await using (var db = await contexts.ForSystemAsync(cancellationToken))
        {
            if (await db.Products.AnyAsync(cancellationToken)) return false;
        }
        var files = ShippedFiles.Select(ReadShipped).ToList();
        var results = await ImportAsync(files, cancellationToken);
        logger.LogInformation("Seeded the shipped catalog: {Products} products, {Plans} service plans, {Rules} rules",
            results.Sum(r => r.ProductsAdded), results.Sum(r => r.PlansAdded), results.Sum(r => r.RulesAdded));
        return true;
    }

    [NotAudited(OperatorImport)]
    public async Task<IReadOnlyList<CatalogImportResult>> ImportAsync(IReadOnlyList<CatalogFile> files, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForSystemAsync(cancellationToken);
        return await WriteTransaction.RunAsync(db, token => ImportInTransactionAsync(db, files, token), cancellationToken);
    }

    private static async Task<IReadOnlyList<CatalogImportResult>> ImportInTransactionAsync(
        AppDbContext db, IReadOnlyList<CatalogFile> files, CancellationToken cancellationToken)
    {
        var products = await db.Products.Include(p => p.Plans).ToDictionaryAsync(p => p.Id, cancellationToken);
        var plans = await db.ServicePlans.ToDictionaryAsync(p => p.Id, cancellationToken);
        var pairs = (await db.ExclusivePlanPairs.Select(p => new { p.PlanAId, p.PlanBId }).ToListAsync(cancellationToken))
            .Select(p => (p.PlanAId, p.PlanBId)).ToHashSet();
        var dependencies = (await db.PlanDependencies.Select(d => new { d.PlanId, d.RequiredPlanId }).ToListAsync(cancellationToken))
            .Select(d => (d.PlanId, d.RequiredPlanId)).ToHashSet();

        var results = new List<CatalogImportResult>();
        foreach (var file in files)
        {
            int productsAdded = 0, productsUpdated = 0, plansAdded = 0, rulesAdded = 0;
            var renamedInThisFile = new HashSet<Guid>();
            foreach (var row in file.ProductPlans)
            {
                if (!plans.TryGetValue(row.PlanId, out var plan))
                {
                    plan = new ServicePlan(row.PlanId, row.PlanName, row.PlanFriendlyName);
                    plans.Add(plan.Id, plan);
                    db.ServicePlans.Add(plan);
                    plansAdded++;
                }
                else if (IsBetterFriendlyName(row.PlanFriendlyName, plan))
                {
                    plan.Rename(plan.Name, row.PlanFriendlyName);
                }
                if (!products.TryGetValue(row.SkuId, out var product))
                {
                    product = new Product(row.SkuId, row.PartNumber, row.ProductName);
                    products.Add(product.Id, product);
                    db.Products.Add(product);
                    renamedInThisFile.Add(product.Id);
                    productsAdded++;
                }
                else if (renamedInThisFile.Add(product.Id) &&
                         (product.PartNumber != row.PartNumber || product.DisplayName != row.ProductName))
                {
                    // The first row of a product in a file carries its current name.
                    product.Rename(row.PartNumber, row.ProductName);
                    productsUpdated++;
                }
                product.Include(row.PlanId);
            }
            foreach (var row in file.ExclusivePairs)
            {
                var pair = new ExclusivePlanPair(row.PlanAId, row.PlanBId, row.Source);
                if (pairs.Add((pair.PlanAId, pair.PlanBId)))
                {
                    db.ExclusivePlanPairs.Add(pair);
                    rulesAdded++;
                }
            }
            foreach (var row in file.Dependencies)
            {
                if (dependencies.Add((row.PlanId, row.RequiredPlanId)))
                {
                    db.PlanDependencies.Add(new PlanDependency(row.PlanId, row.RequiredPlanId, row.Source));
                    rulesAdded++;
                }
            }
            results.Add(new CatalogImportResult(file.SourceName, file.Kind, productsAdded, productsUpdated, plansAdded, rulesAdded));
        }

        await db.SaveChangesAsync(cancellationToken);
        return results;
    }

    // Microsoft's file names one plan differently in different products ("EXCHANGE ONLINE (PLAN 1)" in one,
    // "Exchange Online (Plan 1)" in another); keep the readable spelling, whichever row comes first.
    private static bool IsBetterFriendlyName(string candidate, ServicePlan plan) =>
        !string.IsNullOrWhiteSpace(candidate) && candidate != plan.FriendlyName && LooksShouted(plan.FriendlyName, plan.Name) && !LooksShouted(candidate, plan.Name);

    private static bool LooksShouted(string friendlyName, string planName) =>
        friendlyName == planName || friendlyName == friendlyName.ToUpperInvariant();

    private static CatalogFile ReadShipped(string fileName)
    {
        var stream = typeof(CatalogImporter).Assembly.GetManifestResourceStream(ShippedResourcePrefix + fileName)
            ?? throw new InvalidOperationException($"The shipped catalog file {fileName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return CatalogCsvReader.Read(reader, fileName);
    }
}
