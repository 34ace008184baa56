using Platform.Studio.Tests.Hosting;
using Platform.Testing;

namespace Platform.Studio.Tests.Commands;

public sealed class StudioCommandProcessTests
{
    [Fact]
    public async Task Help_lists_the_commands_without_touching_a_database()
    {
        var (code, output) = await StudioProcess.RunCommandAsync(["--help"]);

        Assert.Equal(0, code);
        Assert.Contains("run", output);
        Assert.Contains("migrate", output);
        Assert.Contains("--urls", output);
    }

    [Fact]
    public async Task Unknown_command_says_so_and_fails()
    {
        var (code, output) = await StudioProcess.RunCommandAsync(["frobnicate"]);

        Assert.Equal(2, code);
        Assert.Contains("Unknown command 'frobnicate'", output);
    }

    [Fact]
    public async Task Missing_postgres_binaries_stop_the_start_with_what_to_install()
    {
        var (code, output) = await StudioProcess.RunCommandAsync(["migrate", "--Platform:Postgres:BinDirectory=/nonexistent/bin"]);

        Assert.Equal(1, code);
        Assert.Contains("apt-get install -y postgresql", output);
        Assert.DoesNotContain("   at ", output); // no stack trace
    }

    [Fact]
    public async Task A_configured_administrator_password_that_breaks_the_rules_stops_the_start_with_the_reason()
    {
        var database = await StudioProcess.NewDatabaseAsync();
        try
        {
            var cs = await TestPostgres.ConnectionStringForAsync(database);
            var (code, output) = await StudioProcess.RunCommandAsync(["run", "--urls", "http://127.0.0.1:0", "--Platform:Admin:Password=short"], cs);

            Assert.Equal(1, code);
            Assert.Contains("Cannot create the first administrator", output);
            Assert.Contains("密码太短", output);
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await TestPostgres.DropAsync(database);
        }
    }

    [Fact]
    public async Task Migrate_command_succeeds_twice_on_the_same_database()
    {
        var database = await StudioProcess.NewDatabaseAsync();
        try
        {
            var cs = await TestPostgres.ConnectionStringForAsync(database);
            var first = await StudioProcess.RunCommandAsync(["migrate"], cs);
            var second = await StudioProcess.RunCommandAsync(["migrate"], cs);

            Assert.True(first.ExitCode == 0, first.Output);
            Assert.True(second.ExitCode == 0, second.Output);
            Assert.Contains("Database is up to date (identity", second.Output);
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await TestPostgres.DropAsync(database);
        }
    }
}
