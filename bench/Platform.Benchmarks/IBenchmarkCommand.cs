namespace Platform.Benchmarks;

/// <summary>One benchmark run from the command line; prints a table and, as its last line, one line of JSON.</summary>
public interface IBenchmarkCommand
{
    string Name { get; }
    string Description { get; }
    Task<int> RunAsync(BenchmarkArgs args);
}

/// <summary>Options shared by every benchmark.</summary>
public sealed record BenchmarkArgs(int? Records, IReadOnlyList<string> Rest)
{
    public static BenchmarkArgs Parse(string[] args)
    {
        int? records = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--records" && i + 1 < args.Length) records = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
            else rest.Add(args[i]);
        }
        return new BenchmarkArgs(records, rest);
    }
}
