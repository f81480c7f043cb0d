namespace LicenseAdmin.Benchmarks;

/// <summary>The benchmark's entry point (a class, not top-level statements: the portal's own <c>Program</c> is hosted in this process).</summary>
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        BenchmarkOptions options;
        try
        {
            options = BenchmarkOptions.Parse(args);
        }
        catch (ArgumentException wrong)
        {
            Console.Error.WriteLine(wrong.Message);
            return 2;
        }
        Console.WriteLine($"LicenseAdmin benchmarks on {options.Provider.Name}: {options.Users:N0} users, bulk selection {options.SelectionSize:N0}{(options.Quick ? ", quick" : "")}");
        var report = new Report();
        await using var template = await BenchmarkDatabase.CreateEmptyAsync(options.Provider);
        var tenant = await new TenantSeeder(template, options.Users, options.SelectionSize).SeedAsync(CancellationToken.None);

        if (options.Runs("grid"))
        {
            Console.WriteLine("1 grid pages");
            await new GridBenchmark(template, tenant, options, report).RunAsync();
        }
        if (options.Runs("memory"))
        {
            Console.WriteLine("5 memory");
            await new MemoryBenchmark(template, tenant, report).RunAsync();
        }
        if (options.Runs("bulk"))
        {
            Console.WriteLine("2 bulk changes");
            await new BulkLicenseBenchmark(template, tenant, options, report).RunAsync();
        }
        if (options.Runs("purge"))
        {
            Console.WriteLine("3 purge");
            await new PurgeBenchmark(template, tenant, options, report).RunAsync();
        }
        if (options.Runs("groups"))
        {
            Console.WriteLine("9 group-based licensing");
            await new GroupLicensingBenchmark(template, tenant, options, report).RunAsync();
        }
        if (options.Runs("race"))
        {
            Console.WriteLine("4 seat race");
            await new SeatRaceBenchmark(template, tenant, report).RunAsync();
        }
        if (options.Runs("pages"))
        {
            Console.WriteLine("7 memory per open Active users page");
            await new PortalMemoryBenchmark(template, tenant, report).RunAsync();
        }
        if (options.Runs("import"))
        {
            Console.WriteLine("10 import from a file");
            await new ImportBenchmark(template, tenant, options, report).RunAsync();
        }
        if (options.Runs("admins"))
        {
            Console.WriteLine("6 concurrent admins");
            await new ConcurrentAdminsBenchmark(template, tenant, options, report).RunAsync();
        }
        if (options.Runs("api"))
        {
            Console.WriteLine("8 Graph-compatible API");
            await new ApiBenchmark(template, tenant, options, report).RunAsync();
        }

        report.Print(options.Users);
        return options.Check && !report.AllChecksPassed ? 1 : 0;
    }
}
