using System.Reflection;

namespace Platform.Studio.Commands;

/// <summary>
/// Splits the command line into a command and the host's own options (<c>--urls</c>, <c>--Key=Value</c> …).
/// The first argument names the command when it does not start with '-'; <c>run</c> is the default.
/// </summary>
public sealed class StudioCommandLine
{
    public const string DefaultCommand = "run";

    private StudioCommandLine(IReadOnlyList<IStudioCommand> commands, IStudioCommand? command, string? unknown,
        IReadOnlyList<string> commandArguments, string[] hostArguments)
    {
        Commands = commands;
        Command = command;
        UnknownCommand = unknown;
        CommandArguments = commandArguments;
        HostArguments = hostArguments;
    }

    public IReadOnlyList<IStudioCommand> Commands { get; }

    /// <summary>Null when help was asked for or the command is unknown.</summary>
    public IStudioCommand? Command { get; }

    public string? UnknownCommand { get; }
    public IReadOnlyList<string> CommandArguments { get; }
    public string[] HostArguments { get; }

    public static StudioCommandLine Parse(string[] args) => Parse(args, DiscoverCommands());

    public static StudioCommandLine Parse(string[] args, IReadOnlyList<IStudioCommand> commands)
    {
        if (args.Any(a => a is "--help" or "-h" or "-?" or "help"))
            return new StudioCommandLine(commands, null, null, [], []);

        var name = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : DefaultCommand;
        var rest = args.Length > 0 && !args[0].StartsWith('-') ? args[1..] : args;
        var command = commands.FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (command is null) return new StudioCommandLine(commands, null, name, [], []);

        // Positional words belong to the command; options (and their values) configure the host.
        var positional = new List<string>();
        var host = new List<string>();
        for (var i = 0; i < rest.Length; i++)
        {
            if (rest[i].StartsWith('-'))
            {
                host.Add(rest[i]);
                if (!rest[i].Contains('=') && i + 1 < rest.Length && !rest[i + 1].StartsWith('-')) host.Add(rest[++i]);
            }
            else positional.Add(rest[i]);
        }
        return new StudioCommandLine(commands, command, null, positional, host.ToArray());
    }

    /// <summary>Prints help (and the unknown command, if any); returns the exit code.</summary>
    public int PrintHelp(TextWriter output)
    {
        if (UnknownCommand is not null) output.WriteLine($"Unknown command '{UnknownCommand}'.\n");
        output.WriteLine("Platform Studio — no-code business apps (低代码业务应用平台)");
        output.WriteLine();
        output.WriteLine("Usage: Platform.Studio [command] [arguments] [options]");
        output.WriteLine();
        output.WriteLine("Commands:");
        var width = Commands.Max(c => (c.Name + " " + c.Usage).Trim().Length) + 2;
        foreach (var c in Commands)
        {
            var label = (c.Name + " " + c.Usage).Trim();
            var suffix = c.Name == DefaultCommand ? " (default)" : "";
            output.WriteLine($"  {label.PadRight(width)}{c.Description}{suffix}");
        }
        output.WriteLine();
        output.WriteLine("Options (any .NET configuration key works as --Key=Value or as an environment variable):");
        output.WriteLine("  --urls http://127.0.0.1:5080              address and port (default http://127.0.0.1:5080)");
        output.WriteLine("  ConnectionStrings__Platform                use this PostgreSQL instead of the embedded one");
        output.WriteLine("  Platform__Postgres__DataDirectory          data folder of the embedded PostgreSQL (.data/postgres)");
        output.WriteLine("  Platform__Admin__Email / __Password        first administrator for unattended installs");
        output.WriteLine("  Logging__Console__FormatterName=json       JSON log lines");
        output.WriteLine("  -h, --help                                 this help");
        return UnknownCommand is null ? 0 : 2;
    }

    private static IReadOnlyList<IStudioCommand> DiscoverCommands() =>
        typeof(StudioCommandLine).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IStudioCommand).IsAssignableFrom(t)
                        && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (IStudioCommand)Activator.CreateInstance(t)!)
            .OrderBy(c => c.Name == DefaultCommand ? 0 : 1).ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
}
