using Platform.Studio.Commands;

namespace Platform.Studio.Tests.Commands;

public sealed class StudioCommandLineTests
{
    [Fact]
    public void No_arguments_means_run()
    {
        var line = StudioCommandLine.Parse([]);
        Assert.Equal("run", line.Command!.Name);
        Assert.Empty(line.HostArguments);
    }

    [Fact]
    public void Options_go_to_the_host_and_words_to_the_command()
    {
        var line = StudioCommandLine.Parse(["migrate", "--urls", "http://127.0.0.1:1234", "extra", "--Platform:Admin:Email=a@b.c"]);

        Assert.Equal("migrate", line.Command!.Name);
        Assert.Equal(["--urls", "http://127.0.0.1:1234", "--Platform:Admin:Email=a@b.c"], line.HostArguments);
        Assert.Equal(["extra"], line.CommandArguments);
    }

    [Fact]
    public void Leading_options_keep_the_default_command()
    {
        var line = StudioCommandLine.Parse(["--urls", "http://0.0.0.0:80"]);
        Assert.Equal("run", line.Command!.Name);
        Assert.Equal(["--urls", "http://0.0.0.0:80"], line.HostArguments);
    }

    [Fact]
    public void Help_lists_every_discovered_command_with_run_first()
    {
        var line = StudioCommandLine.Parse(["--help"]);
        using var output = new StringWriter();

        Assert.Null(line.Command);
        Assert.Equal(0, line.PrintHelp(output));
        var text = output.ToString();
        Assert.True(text.IndexOf("  run", StringComparison.Ordinal) < text.IndexOf("  migrate", StringComparison.Ordinal));
        Assert.Contains("(default)", text);
    }

    [Fact]
    public void Unknown_command_prints_help_and_exit_code_2()
    {
        var line = StudioCommandLine.Parse(["nope"]);
        using var output = new StringWriter();

        Assert.Equal(2, line.PrintHelp(output));
        Assert.StartsWith("Unknown command 'nope'.", output.ToString());
    }
}
