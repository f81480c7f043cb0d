using LicenseAdmin.Infrastructure.Csv;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Retention;
using LicenseAdmin.Infrastructure.Services.Catalog;

namespace LicenseAdmin.Web.CommandLine;

/// <summary>
/// Operator verbs run instead of the web server, e.g. <c>dotnet run --project src/LicenseAdmin.Web -- catalog import file.csv</c>.
/// They go through the same services as the pages.
/// </summary>
public static class AdminCommands
{
    private const string DryRun = "--dry-run";

    private static readonly string Usage = """
        Usage:
          catalog import <file.csv>   Import Microsoft's "Product names and service plan identifiers for licensing" CSV,
                                      or a plan rules file (exclusive_plans.csv / plan_dependencies.csv).
          purge run [--dry-run]       Purge now what the 30-day retention no longer protects (retained mailbox data,
                                      users deleted 30 days ago); --dry-run only lists it, with counts per kind.
        {ImportUsers}
        Without a command, the portal starts.
        """.Replace("{ImportUsers}", ImportUsersCommand.Usage.TrimEnd());

    private static readonly HashSet<string> Verbs = new(StringComparer.OrdinalIgnoreCase) { "catalog", "purge", ImportUsersCommand.Verb, "help", "--help" };

    // Flags that belong to a command; everything else starting with -- is configuration (--Database:Provider=...).
    private static readonly HashSet<string> CommandFlags = new(StringComparer.OrdinalIgnoreCase) { "--help", DryRun };

    /// <summary>True when the first argument is a verb, not a configuration switch for the web server.</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    /// <summary>
    /// The arguments meant for the host's configuration: without a command's own flags, which the command-line
    /// configuration would otherwise read as a key taking the next argument as its value.
    /// </summary>
    public static string[] HostArguments(string[] args)
    {
        if (!IsCommand(args)) return args;
        if (!args[0].Equals(ImportUsersCommand.Verb, StringComparison.OrdinalIgnoreCase))
            return args.Where(a => !CommandFlags.Contains(a)).ToArray();
        // import-users' options with their values (--tenant contoso.com) and its file are the command's: a path such as
        // /tmp/users.csv would read as a "/key value" switch and swallow the next argument.
        var host = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (ImportUsersCommand.ValueOptions.Contains(args[i], StringComparer.OrdinalIgnoreCase)) i++;
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && !CommandFlags.Contains(args[i])) host.Add(args[i]);
        }
        return host.ToArray();
    }

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length > 0 && args[0].Equals(ImportUsersCommand.Verb, StringComparison.OrdinalIgnoreCase))
            return await ImportUsersCommand.RunAsync(services, args, output, error);
        var words = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal) || CommandFlags.Contains(a)).ToArray();
        var flags = words.Where(CommandFlags.Contains).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var verbs = words.Where(w => !CommandFlags.Contains(w) || w == "--help").ToArray();
        switch (verbs)
        {
            case ["catalog", "import", var path] when flags.Count == 0:
                return await ImportCatalogAsync(services, path, output, error);
            case ["purge", "run"]:
                return await PurgeAsync(services, flags.Contains(DryRun), output, error);
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

    private static async Task<int> PurgeAsync(IServiceProvider services, bool dryRun, TextWriter output, TextWriter error)
    {
        await using var scope = services.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
            var result = await scope.ServiceProvider.GetRequiredService<RetentionPurger>().RunOnceAsync(dryRun, CancellationToken.None);
            return await PurgeReport.WriteAsync(result, output, error);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The batch that failed was rolled back; the ones before it are committed and the next run continues.
            await error.WriteLineAsync($"The purge stopped: {ex.Message}");
            return 1;
        }
    }
}
