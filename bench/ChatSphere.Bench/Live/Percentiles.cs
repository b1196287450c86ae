namespace ChatSphere.Bench.Live;

internal static class Percentiles
{
    public static double Of(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];
    }

    public static string Summary(IReadOnlyList<double> ms) => $"p50 {Of(ms, 50):F1} ms, p95 {Of(ms, 95):F1} ms, p99 {Of(ms, 99):F1} ms";
}
