using Bunit;
using LicenseAdmin.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace LicenseAdmin.Web.Tests.Components;

/// <summary>The marker the browser tests wait on: interactive or not yet, and how many loads so far.</summary>
public sealed class LoadMarkerTests : ComponentTestBase
{
    [Fact]
    public void LoadMarker_WhilePrerendering_SaysNotInteractiveYet()
    {
        Context.SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var marker = Context.Render<LoadMarker>(p => p.Add(m => m.Loads, 0));

        Assert.Equal("no", marker.Find("#load-marker").GetAttribute("data-interactive"));
        Assert.Equal("0", marker.Find("#load-marker").GetAttribute("data-loads"));
    }

    [Fact]
    public void LoadMarker_InTheCircuit_SaysInteractive_WithTheLoadsSoFar()
    {
        Context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        var marker = Context.Render<LoadMarker>(p => p.Add(m => m.Loads, 3));

        Assert.Equal("yes", marker.Find("#load-marker").GetAttribute("data-interactive"));
        Assert.Equal("3", marker.Find("#load-marker").GetAttribute("data-loads"));
    }
}
