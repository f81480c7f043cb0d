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
