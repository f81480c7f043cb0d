namespace LicenseAdmin.Benchmarks;

/// <summary>Collects measurements and correctness checks, prints them as one table.</summary>
public sealed class Report
{
    private readonly List<(string Name, Sample Sample, double? FloorMs, string Note)> _rows = [];
    private readonly List<(string Name, bool Passed, string Detail)> _checks = [];

    public bool AllChecksPassed => _checks.All(c => c.Passed);

    public void Add(string name, Sample sample, Sample? floor = null, string note = "")
    {
        _rows.Add((name, sample, floor?.MedianMs, note));
        // Printed as they come too, so a long run that is stopped still shows what it measured.
        Console.WriteLine($"  {name}: median {sample.MedianMs:F1} ms, p95 {sample.P95Ms:F1} ms{(floor is null ? "" : $", floor {floor.MedianMs:F1} ms")} {note}");
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
        Console.WriteLine($"| {"Measurement",-48} | {"median ms",10} | {"p95 ms",10} | {"floor ms",9} | {"ratio",6} | note");
        Console.WriteLine($"|{new string('-', 50)}|{new string('-', 12)}|{new string('-', 12)}|{new string('-', 11)}|{new string('-', 8)}|------");
        foreach (var (name, sample, floor, note) in _rows)
        {
            var floorText = floor is { } f ? f.ToString("F1") : "";
            var ratio = floor is { } g && g > 0 ? (sample.MedianMs / g).ToString("F2") : "";
            Console.WriteLine($"| {name,-48} | {sample.MedianMs,10:F1} | {sample.P95Ms,10:F1} | {floorText,9} | {ratio,6} | {note}");
        }
        Console.WriteLine();
        Console.WriteLine($"Checks: {_checks.Count(c => c.Passed)} of {_checks.Count} passed");
        foreach (var (name, _, detail) in _checks.Where(c => !c.Passed)) Console.WriteLine($"  FAILED {name}: {detail}");
    }
}
