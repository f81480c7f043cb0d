using System.Diagnostics;
using LicenseAdmin.Infrastructure.Services.Users;

namespace LicenseAdmin.Benchmarks;

/// <summary>Managed heap and working set growth while the first page of every view is served repeatedly.</summary>
public sealed class MemoryBenchmark(BenchmarkDatabase database, SeededTenant tenant, Report report)
{
    private const long Limit = 50L * 1024 * 1024;

    public async Task RunAsync()
    {
        var directory = database.Get<UserDirectoryService>();
        var filters = new[] { UserFilter.All, new UserFilter(UserView.Unlicensed), new UserFilter(UserView.HoldsProduct, tenant.Products.E5) };
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var workingSetBefore = process.WorkingSet64;
        var peakHeap = heapBefore;
        for (var i = 0; i < 10; i++)
            foreach (var filter in filters)
            {
                await directory.PageAsync(tenant.Admin, filter, new UserSort(), 0, GridBenchmark.PageSize, CancellationToken.None);
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
            }
        process.Refresh();
        var heapGrowth = peakHeap - heapBefore;
        var workingSetGrowth = process.WorkingSet64 - workingSetBefore;
        Console.WriteLine($"Memory: heap growth {heapGrowth / 1048576.0:F1} MB (peak, no forced GC), working set growth {workingSetGrowth / 1048576.0:F1} MB");
        report.Add("5 memory: heap growth, MB (first pages x30)", new Sample(heapGrowth / 1048576.0, heapGrowth / 1048576.0, 1),
            note: $"working set growth {workingSetGrowth / 1048576.0:F1} MB; value column in MB");
        report.Check("grid never loads the tenant (heap growth < 50 MB)", heapGrowth < Limit, $"{heapGrowth / 1048576.0:F1} MB");
    }
}
