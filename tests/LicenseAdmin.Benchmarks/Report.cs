namespace LicenseAdmin.Benchmarks;

/// <summary>Collects measurements and correctness checks, prints them as one table.</summary>
public sealed class Report
{
    private readonly List<(string Name, Sample Sample, Sample? Floor, string Note)> _rows = [];
    private readonly List<(string Name, bool Passed, string Detail)> _checks = [];

    public bool AllChecksPassed => _checks.All(c => c.Passed);

    public void Add(string name, Sample sample, Sample? floor = null, string note = "")
    {
        _rows.Add((name, sample, floor, note));
        // Printed as they come too, so a long run that is stopped still shows what it measured.
        Console.WriteLine($"  {name}: median {sample.MedianMs:F1} ms, p95 {sample.P95Ms:F1} ms{(floor is null ? "" : $", floor median {floor.MedianMs:F1} ms, p95 {floor.P95Ms:F1} ms")} {note}");
    }

    public void Check(string name, bool passed, string detail)
    {
        _checks.Add((name, passed, detail));
        Console.WriteLine($"  check {(passed ? "ok  " : "FAIL")} {name}: {detail}");
    }

    public void Print(int users)
    {
        Console.WriteLine();
        Console.WriteLine($"Results for {users:N0} users");
        // Ratios compare like with like: the median with the floor's median, the p95 with the floor's p95.
        Console.WriteLine($"| {"Measurement",-48} | {"median ms",10} | {"p95 ms",10} | {"floor ms",9} | {"floor p95",9} | {"ratio",6} | {"p95 ratio",9} | note");
        Console.WriteLine($"|{new string('-', 50)}|{new string('-', 12)}|{new string('-', 12)}|{new string('-', 11)}|{new string('-', 11)}|{new string('-', 8)}|{new string('-', 11)}|------");
        foreach (var (name, sample, floor, note) in _rows)
        {
            var floorText = floor is null ? "" : floor.MedianMs.ToString("F1");
            var floorP95Text = floor is null ? "" : floor.P95Ms.ToString("F1");
            var ratio = floor is { MedianMs: > 0 } ? (sample.MedianMs / floor.MedianMs).ToString("F2") : "";
            var p95Ratio = floor is { P95Ms: > 0 } ? (sample.P95Ms / floor.P95Ms).ToString("F2") : "";
            Console.WriteLine($"| {name,-48} | {sample.MedianMs,10:F1} | {sample.P95Ms,10:F1} | {floorText,9} | {floorP95Text,9} | {ratio,6} | {p95Ratio,9} | {note}");
        }
        Console.WriteLine();
        Console.WriteLine($"Checks: {_checks.Count(c => c.Passed)} of {_checks.Count} passed");
        foreach (var (name, _, detail) in _checks.Where(c => !c.Passed)) Console.WriteLine($"  FAILED {name}: {detail}");
    }
}
