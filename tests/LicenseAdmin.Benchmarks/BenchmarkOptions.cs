namespace LicenseAdmin.Benchmarks;

/// <summary>Command line: <c>[--users N] [--quick] [--check]</c>.</summary>
public sealed record BenchmarkOptions(int Users, bool Quick, bool Check)
{
    public const int DefaultUsers = 100_000;
    public const int QuickUsers = 5_000;

    /// <summary>Users selected for each bulk change: 10,000 at full size, a fifth of the tenant when smaller.</summary>
    public int SelectionSize => Math.Min(10_000, Users / 5);

    public int WarmUps => Quick ? 1 : 2;
    public int PageRepetitions => Quick ? 10 : 30;
    public int PreviewRepetitions => Quick ? 2 : 5;
    public int ApplyRepetitions => Quick ? 1 : 3;
    public int PurgeRepetitions => 1;

    public static BenchmarkOptions Parse(string[] args)
    {
        int? users = null;
        var quick = false;
        var check = false;
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
                default:
                    throw new ArgumentException($"Unknown or invalid argument '{args[i]}'. Usage: [--users N (at least 1000)] [--quick] [--check]");
            }
        }
        return new BenchmarkOptions(users ?? (quick ? QuickUsers : DefaultUsers), quick, check);
    }
}
