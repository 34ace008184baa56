using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.Workflow.Tests.Support;

/// <summary>A real local HTTP server (Kestrel on a free port) that records requests and answers with a scripted response.</summary>
public sealed class HttpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<Received> _requests = [];

    public sealed record Received(string Method, string PathAndQuery, string Body, IReadOnlyDictionary<string, string> Headers);

    /// <summary>Decides the answer to the n-th request (0-based): status and JSON body.</summary>
    public Func<int, Received, (int Status, string Body)> Respond { get; set; } = (_, _) => (200, "{\"errcode\":0}");

    private HttpReceiver(WebApplication app) => _app = app;

    public static async Task<HttpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new HttpReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        return receiver;
    }

    public string BaseUrl => _app.Services.GetService(typeof(IServer)) is IServer server
        ? server.Features.Get<IServerAddressesFeature>()!.Addresses.First()
        : throw new InvalidOperationException();

    public IReadOnlyList<Received> Requests
    {
        get { lock (_requests) return _requests.ToList(); }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var received = new Received(context.Request.Method, context.Request.Path + context.Request.QueryString, await reader.ReadToEndAsync(),
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase));
        int index;
        lock (_requests)
        {
            index = _requests.Count;
            _requests.Add(received);
        }
        var (status, body) = Respond(index, received);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
