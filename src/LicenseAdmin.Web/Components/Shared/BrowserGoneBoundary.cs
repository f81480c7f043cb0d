using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.JSInterop;

namespace LicenseAdmin.Web.Components.Shared;

/// <summary>
/// Wraps a component whose JavaScript calls happen inside a library (the Home chart measures its labels in the
/// browser after each render). When the browser has gone (a closed tab, a page left quickly) such a call throws
/// <see cref="JSDisconnectedException"/>: that is normal, so it is logged at Debug instead of failing the circuit.
/// Any other failure is still logged as an error; the wrapped content then shows nothing, because it only
/// decorates figures the page shows elsewhere.
/// </summary>
public sealed class BrowserGoneBoundary : ErrorBoundaryBase
{
    [Inject] private ILogger<BrowserGoneBoundary> Logger { get; set; } = null!;

    protected override Task OnErrorAsync(Exception exception)
    {
        if (IsBrowserGone(exception))
            Logger.LogDebug("The browser left before a component finished its JavaScript call: {Message}", exception.Message);
        else
            Logger.LogError(exception, "A component inside a BrowserGoneBoundary failed.");
        return Task.CompletedTask;
    }

    // The renderer may hand over the failure wrapped (an AggregateException from an async after-render).
    private static bool IsBrowserGone(Exception exception) => exception switch
    {
        JSDisconnectedException => true,
        AggregateException wrapped => wrapped.Flatten().InnerExceptions.All(IsBrowserGone),
        _ => false,
    };

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (CurrentException is null) builder.AddContent(0, ChildContent);
    }
}
