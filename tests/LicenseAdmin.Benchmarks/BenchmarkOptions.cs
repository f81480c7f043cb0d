namespace LicenseAdmin.Benchmarks;

/// <summary>
/// Command line: <c>[--provider sqlite|postgres|sqlserver] [--connection CS] [--users N] [--quick] [--check] [--only PARTS]</c>.
/// </summary>
public sealed record BenchmarkOptions(BenchmarkProvider Provider, int Users, bool Quick, bool Check, IReadOnlySet<string> Parts)
{
    public static readonly IReadOnlyList<string> AllParts = ["grid", "memory", "bulk", "purge", "groups", "race", "admins", "pages", "api", "import"];

    public const int DefaultUsers = 100_000;
    public const int QuickUsers = 5_000;

    public static string Usage =>
        $"Usage: [--provider {string.Join('|', BenchmarkProvider.Names)}] [--connection CONNECTION-STRING (required for sqlserver)] " +
        $"[--users N (at least 1000)] [--quick] [--check] [--only {string.Join(',', AllParts)}]";

    /// <summary>Users selected for each bulk change: 10,000 at full size, a fifth of the tenant when smaller.</summary>
    public int SelectionSize => Math.Min(10_000, Users / 5);

    public int WarmUps => Quick ? 1 : 2;
    public int PageRepetitions => Quick ? 10 : 30;
    public int PreviewRepetitions => Quick ? 2 : 5;
    public int ApplyRepetitions => Quick ? 1 : 3;
    public int PurgeRepetitions => Quick ? 1 : 3;

    /// <summary>Whether the measurement named <paramref name="part"/> runs (all of them unless <c>--only</c> narrows it).</summary>
    public bool Runs(string part) => Parts.Contains(part);

    /// <summary>Reads the command line; a wrong argument throws <see cref="ArgumentException"/> with a one-line message.</summary>
    public static BenchmarkOptions Parse(string[] args)
    {
        int? users = null;
        var quick = false;
        var check = false;
        var providerName = "sqlite";
        string? connection = null;
        IReadOnlySet<string> parts = AllParts.ToHashSet();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--users" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n >= 1_000:
                    users = n;
                    i++;
                    break;
                case "--quick":
                    quick = true;
                    break;
                case "--check":
                    check = true;
                    break;
                case "--provider" when i + 1 < args.Length:
                    providerName = args[++i];
                    break;
                case "--connection" when i + 1 < args.Length && !string.IsNullOrWhiteSpace(args[i + 1]):
                    connection = args[++i];
                    break;
                case "--only" when i + 1 < args.Length && args[i + 1].Split(',') is var named && named.All(AllParts.Contains):
                    parts = named.ToHashSet();
                    i++;
                    break;
                default:
                    throw new ArgumentException($"Unknown or invalid argument '{args[i]}'. {Usage}");
            }
        }
        if (!BenchmarkProvider.Names.Contains(providerName.ToLowerInvariant()) && !providerName.Equals("postgresql", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"Unknown provider '{providerName}': use {string.Join(", ", BenchmarkProvider.Names)}.");
        if (providerName.Equals("sqlserver", StringComparison.OrdinalIgnoreCase) && connection is null)
            throw new ArgumentException("--provider sqlserver needs --connection with a connection string to a SQL Server that may create databases.");
        if (providerName.Equals("sqlite", StringComparison.OrdinalIgnoreCase) && connection is not null)
            throw new ArgumentException("--connection is for the server providers; sqlite uses a new file in the temp folder.");
        var provider = BenchmarkProvider.Of(providerName, connection)!;
        return new BenchmarkOptions(provider, users ?? (quick ? QuickUsers : DefaultUsers), quick, check, parts);
    }
}
