using Platform.Benchmarks;

// Each benchmark is one IBenchmarkCommand in its own file: `dotnet run -c Release --project bench/Platform.Benchmarks -- <name> [--records N]`.
var commands = typeof(IBenchmarkCommand).Assembly.GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchmarkCommand).IsAssignableFrom(t))
    .Select(t => (IBenchmarkCommand)Activator.CreateInstance(t)!)
    .OrderBy(c => c.Name)
    .ToList();

var command = args.Length > 0 ? commands.FirstOrDefault(c => c.Name == args[0]) : null;
if (command is null)
{
    Console.WriteLine("Usage: Platform.Benchmarks <command> [--records N]");
    foreach (var c in commands) Console.WriteLine($"  {c.Name,-10} {c.Description}");
    return args.Length == 0 || args[0] is "--help" or "-h" ? 0 : 2;
}
return await command.RunAsync(BenchmarkArgs.Parse(args.Skip(1).ToArray()));
