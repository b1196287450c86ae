namespace ChatSphere.Bench.Live;

/// <summary>CPU and memory of a process, and of the whole machine, from Linux's /proc.</summary>
internal static class ProcStats
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>CPU seconds (user + system) the process has used so far.</summary>
    public static double CpuSeconds(int pid)
    {
        // Fields after the ")" that ends the command name: state is field 3, utime 14 and stime 15.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / TicksPerSecond;
    }

    /// <summary>CPU seconds so far of each PostgreSQL backend serving <paramref name="database"/>, by process id.</summary>
    public static Dictionary<int, double> Backends(string database)
    {
        var found = new Dictionary<int, double>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                // A backend's title is "postgres: USER DATABASE HOST(PORT) STATE".
                if (int.TryParse(Path.GetFileName(dir), out var pid) &&
                    File.ReadAllText($"{dir}/cmdline").Split(' ') is ["postgres:", _, var db, ..] && db == database)
                {
                    found[pid] = CpuSeconds(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    /// <summary>CPU used between two <see cref="Backends"/> readings (a backend that is new counts from zero).</summary>
    public static double Between(Dictionary<int, double> before, Dictionary<int, double> after) =>
        after.Sum(a => a.Value - before.GetValueOrDefault(a.Key));

    /// <summary>Busy and total CPU seconds of the whole machine (all cores) so far.</summary>
    public static (double Busy, double Total) MachineSeconds()
    {
        var values = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(long.Parse).ToArray();
        var idle = values[3] + values[4]; // idle + iowait
        return ((values.Sum() - idle) / TicksPerSecond, values.Sum() / TicksPerSecond);
    }

    /// <summary>Resident memory in MB and the thread count.</summary>
    public static (double RssMb, int Threads) Memory(int pid)
    {
        var (rss, threads) = (0.0, 0);
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
            }
            else if (line.StartsWith("Threads:", StringComparison.Ordinal))
            {
                threads = int.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1]);
            }
        }

        return (rss, threads);
    }
}
