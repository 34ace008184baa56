namespace Platform.Studio.Commands;

/// <summary>
/// One command of the Studio's command line (<c>run</c>, <c>migrate</c> …). Add a command by adding one class;
/// <see cref="StudioCommandLine"/> finds every implementation in this assembly.
/// </summary>
public interface IStudioCommand
{
    /// <summary>The word typed after the program name.</summary>
    string Name { get; }

    /// <summary>One line for <c>--help</c>.</summary>
    string Description { get; }

    /// <summary>Arguments after the name, shown in <c>--help</c>; empty when there are none.</summary>
    string Usage => "";

    /// <summary>Runs with the composed (not yet started) application; returns the process exit code.</summary>
    Task<int> ExecuteAsync(StudioCommandContext context);
}

/// <summary>What a command works with: the composed app, its own arguments and a cancellation token for Ctrl+C.</summary>
public sealed record StudioCommandContext(WebApplication App, IReadOnlyList<string> Arguments, TextWriter Output, CancellationToken Cancellation);
