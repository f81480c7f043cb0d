using Bunit;
using LicenseAdmin.Web.Localization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace LicenseAdmin.Web.Tests.Components;

/// <summary>
/// A bUnit context with MudBlazor and the UI's localization (L, the domain's messages and MudBlazor's texts).
/// MudBlazor registers a service that only disposes asynchronously, so the context is disposed in <see cref="DisposeAsync"/> (xunit 2 would otherwise fail every test in Dispose).
/// </summary>
public abstract class ComponentTestBase : IAsyncLifetime
{
    /// <summary>
    /// How long a WaitFor may take. Renders wait on real database calls; on a server database on a loaded machine (the
    /// test command runs the projects once per provider) bUnit's default gave up before the dispatcher ran the check.
    /// A wait ends as soon as its assertion passes, so this only changes how long a real failure takes to report.
    /// </summary>
    public static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(15);

    static ComponentTestBase() => BunitContext.DefaultWaitTimeout = WaitTimeout;

    protected BunitContext Context { get; } = new();

    public virtual Task InitializeAsync()
    {
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        // As the portal does: resources under Resources/, so a test can render in Danish.
        Context.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        Context.Services.AddPortalTranslations();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync() => await Context.DisposeAsync();
}
