using LicenseAdmin.Infrastructure.Csv;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Catalog;

namespace LicenseAdmin.Web.CommandLine;

/// <summary>
/// Operator verbs run instead of the web server, e.g. <c>dotnet run --project src/LicenseAdmin.Web -- catalog import file.csv</c>.
/// They go through the same services as the pages.
/// </summary>
public static class AdminCommands
{
    private const string Usage = """
        Usage:
          catalog import <file.csv>   Import Microsoft's "Product names and service plan identifiers for licensing" CSV,
                                      or a plan rules file (exclusive_plans.csv / plan_dependencies.csv).
        Without a command, the portal starts.
        """;

    private static readonly HashSet<string> Verbs = new(StringComparer.OrdinalIgnoreCase) { "catalog", "help", "--help" };

    /// <summary>True when the first argument is a verb, not a configuration switch for the web server.</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        var words = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal) || a == "--help").ToArray();
        switch (words)
        {
            case ["catalog", "import", var path]:
                return await ImportCatalogAsync(services, path, output, error);
            case ["help"] or ["--help"]:
                await output.WriteLineAsync(Usage);
                return 0;
            default:
                await error.WriteLineAsync($"Unknown command '{string.Join(' ', words)}'.");
                await error.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static async Task<int> ImportCatalogAsync(IServiceProvider services, string path, TextWriter output, TextWriter error)
    {
        await using var scope = services.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
            var result = await scope.ServiceProvider.GetRequiredService<CatalogImporter>().ImportFileAsync(path, CancellationToken.None);
            await output.WriteLineAsync(
                $"Imported {result.SourceName} ({result.Kind}): {result.ProductsAdded} products added, {result.ProductsUpdated} renamed, " +
                $"{result.PlansAdded} service plans added, {result.RulesAdded} rules added.");
            return 0;
        }
        catch (Exception ex) when (ex is CatalogImportException or DatabaseUnavailableException)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }
    }
}
