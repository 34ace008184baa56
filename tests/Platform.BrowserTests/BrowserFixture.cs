using Microsoft.Playwright;
using Platform.Studio.Tests.Hosting;

namespace Platform.BrowserTests;

/// <summary>
/// The running Studio and a headless Chromium from the OS (/usr/bin/chromium; Playwright never downloads browsers).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumVariable = "PLATFORM_CHROMIUM";

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private StudioProcess? _studio;

    public StudioProcess Studio => _studio ?? throw new InvalidOperationException("Not started.");
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Not started.");

    public static string ScreenshotFolder { get; } =
        Directory.CreateDirectory(Path.Combine(StudioProcess.RepositoryRoot(), "TestResults", "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } c ? c : "/usr/bin/chromium";
        if (!File.Exists(chromium))
            throw new InvalidOperationException($"Chromium not found at {chromium}; run scripts/prerequisites.sh --browser (apt-get install chromium fonts-noto-cjk).");
        _studio = await StudioProcess.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh browser context (own cookies) with the Studio as base URL.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Studio.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
        });
        // Generous: CI runs every test assembly at once on 2 cores, and the first render after start-up compiles a lot.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return await context.NewPageAsync();
    }

    /// <summary>Waits until the page's Blazor circuit is connected, so typed input is not lost to the first interactive render.</summary>
    public static Task WaitForInteractivityAsync(IPage page) =>
        page.Locator(".mud-layout[data-interactive]").WaitForAsync();

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_studio is not null) await _studio.DisposeAsync();
    }
}
