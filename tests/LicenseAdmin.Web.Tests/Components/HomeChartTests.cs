using Bunit;
using LicenseAdmin.Web.Components.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using MudBlazor;
using MudBlazor.Interop;

namespace LicenseAdmin.Web.Tests.Components;

/// <summary>Home's seat chart measures itself in the browser; a browser that has gone is normal, not an error.</summary>
public sealed class HomeChartTests : PortalComponentTestBase
{
    private readonly RecordingLoggerProvider _logs = new();

    private async Task<IRenderedComponent<HomePage>> RenderHomeAsync(Exception chartMeasuringFails)
    {
        Context.Services.AddLogging(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
        await SignInAsAsync("admin@contoso.com");
        Context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        // The chart's calls into the browser (it measures its labels after rendering) fail as they do when the tab is closed.
        Context.JSInterop.Setup<ElementSize>(_ => true).SetException(chartMeasuringFails);
        Context.Render<MudPopoverProvider>();
        var page = Context.Render<HomePage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#seat-table")), TimeSpan.FromSeconds(10));
        return page;
    }

    [Fact]
    public async Task LeavingHome_WhileTheChartMeasuresItself_IsNotAnError()
    {
        await RenderHomeAsync(new JSDisconnectedException("The circuit is gone."));

        await Context.DisposeComponentsAsync();

        await LoggedAsync(e => e.Level == LogLevel.Debug && e.Message.Contains("The browser left", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task AChartFailureOtherThanAGoneBrowser_IsStillLoggedAsAnError_AndTheTableStays()
    {
        var page = await RenderHomeAsync(new JSException("mudGetSvgBBox is not defined"));

        await LoggedAsync(e => e.Level == LogLevel.Error && e.Exception?.GetBaseException() is JSException);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#seat-chart")));
        Assert.NotEmpty(page.FindAll("#seat-table [data-product]"));
    }

    // The chart measures itself after it renders, so its failure is logged a moment after the table appears
    // (later still on a busy machine or a slower database): wait for the entry instead of reading the log once.
    private async Task LoggedAsync(Func<LogEntry, bool> entry)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!_logs.Entries.Any(entry) && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Contains(_logs.Entries, e => entry(e));
    }

    private sealed record LogEntry(LogLevel Level, string Message, Exception? Exception);

    private sealed class RecordingLoggerProvider : ILoggerProvider
    {
        private readonly List<LogEntry> _entries = [];

        public IReadOnlyList<LogEntry> Entries
        {
            get { lock (_entries) return _entries.ToList(); }
        }

        public ILogger CreateLogger(string categoryName) => new Recorder(this);

        public void Dispose() { }

        private sealed class Recorder(RecordingLoggerProvider provider) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (provider._entries) provider._entries.Add(new LogEntry(logLevel, formatter(state, exception), exception));
            }
        }
    }
}
