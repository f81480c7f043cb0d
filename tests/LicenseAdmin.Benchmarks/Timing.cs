using System.Diagnostics;

namespace LicenseAdmin.Benchmarks;

/// <summary>Median and 95th percentile of repeated runs, in milliseconds.</summary>
public sealed record Sample(double MedianMs, double P95Ms, int Runs)
{
    public static Sample Of(IReadOnlyList<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        var p95 = sorted[Math.Clamp((int)Math.Ceiling(sorted.Count * 0.95) - 1, 0, sorted.Count - 1)];
        return new Sample(median, p95, sorted.Count);
    }
}

/// <summary>A Stopwatch harness: warm-up runs are discarded, then each repetition is timed alone.</summary>
public static class Timing
{
    public static async Task<Sample> MeasureAsync(int warmUps, int repetitions, Func<Task> run)
    {
        for (var i = 0; i < warmUps; i++) await run();
        var times = new List<double>();
        for (var i = 0; i < repetitions; i++)
        {
            var watch = Stopwatch.StartNew();
            await run();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return Sample.Of(times);
    }

    /// <summary>For runs that need fresh state: <paramref name="prepare"/> is not timed, <paramref name="run"/> is.</summary>
    public static async Task<Sample> MeasureWithSetupAsync<T>(int repetitions, Func<Task<T>> prepare, Func<T, Task> run, Func<T, Task> cleanUp)
    {
        var times = new List<double>();
        for (var i = 0; i < repetitions; i++)
        {
            var state = await prepare();
            try
            {
                var watch = Stopwatch.StartNew();
                await run(state);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            finally
            {
                await cleanUp(state);
            }
        }
        return Sample.Of(times);
    }
}
