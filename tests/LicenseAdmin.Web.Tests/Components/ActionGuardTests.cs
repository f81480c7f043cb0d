using System.Globalization;
using System.Security.Claims;
using Bunit;
using LicenseAdmin.Domain;
using LicenseAdmin.Infrastructure.Identity;
using LicenseAdmin.Infrastructure.Services;
using LicenseAdmin.Web.Authorization;
using LicenseAdmin.Web.Components.Shared;
using LicenseAdmin.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Web.Tests.Components;

/// <summary>The guard every dialog and action runs through: one action at a time, the refusal shown, cancelled when the page goes.</summary>
public sealed class ActionGuardTests : ComponentTestBase
{
    private readonly Guid _userId = Guid.NewGuid();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Context.Services.AddScoped<CurrentCaller>();
        var auth = Context.AddAuthorization();
        auth.SetAuthorized("admin@contoso.com");
        auth.SetClaims(
            new Claim(LicenseAdminClaims.TenantId, Guid.NewGuid().ToString()),
            new Claim(LicenseAdminClaims.DirectoryUserId, _userId.ToString()),
            new Claim(LicenseAdminClaims.AdminRoles, "1"));
    }

    private IRenderedComponent<ActionGuard> RenderGuard() =>
        Context.Render<ActionGuard>(p => p
            .Add(g => g.ProgressId, "working")
            .Add(g => g.ChildContent, guard => guard.Feedback));

    [Fact]
    public async Task WhileAnActionRuns_TheGuardIsBusy_AndASecondActionDoesNotStart()
    {
        var guard = RenderGuard();
        var release = new TaskCompletionSource();
        Caller? seen = null;
        var secondRan = false;

        var first = guard.InvokeAsync(() => guard.Instance.RunAsync(async (caller, _) =>
        {
            seen = caller;
            await release.Task;
        }));
        var second = await guard.InvokeAsync(() => guard.Instance.RunAsync((_, _) =>
        {
            secondRan = true;
            return Task.CompletedTask;
        }));

        Assert.True(guard.Instance.IsBusy);
        Assert.NotEmpty(guard.FindAll("#working"));
        Assert.False(second);
        Assert.False(secondRan);
        release.SetResult();
        Assert.True(await first);
        Assert.Equal(_userId, seen?.UserId);
        guard.WaitForAssertion(() => Assert.Empty(guard.FindAll("#working")));
        Assert.False(guard.Instance.IsBusy);
    }

    [Fact]
    public async Task ARefusal_IsShownAsTheServiceWordedIt_AndTheNextActionClearsIt()
    {
        var guard = RenderGuard();

        var refused = await guard.InvokeAsync(() => guard.Instance.RunAsync((_, _) =>
            throw new DomainException("SeatsExhausted", "Office 365 E5: 1 seat needed, 0 available.")));

        Assert.False(refused);
        Assert.Equal("Office 365 E5: 1 seat needed, 0 available.", guard.Find("#dialog-error").TextContent.Trim());
        Assert.True(await guard.InvokeAsync(() => guard.Instance.RunAsync((_, _) => Task.CompletedTask)));
        Assert.Empty(guard.FindAll("#dialog-error"));
    }

    [Fact]
    public async Task ARefusal_IsShownInDanish_WhenTheReaderIsDanish()
    {
        using var danish = CultureScope.Danish();
        var guard = RenderGuard();

        await guard.InvokeAsync(() => guard.Instance.RunAsync((_, _) =>
            throw new DomainException("AccessDenied", "Your account is deleted or blocked from signing in; nothing was changed.")));

        Assert.Equal("Din konto er slettet eller blokeret for logon. Intet blev ændret.", guard.Find("#dialog-error").TextContent.Trim());
    }

    [Fact]
    public async Task AnActionStillRunningWhenThePageGoesAway_IsCancelled()
    {
        var guard = RenderGuard();
        var instance = guard.Instance;
        var started = new TaskCompletionSource<CancellationToken>();
        var running = guard.InvokeAsync(() => instance.RunAsync(async (_, cancellationToken) =>
        {
            started.SetResult(cancellationToken);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }));
        var token = await started.Task;
        Assert.False(token.IsCancellationRequested);

        await Context.DisposeComponentsAsync();

        Assert.True(token.IsCancellationRequested);
        Assert.False(await running);
        Assert.False(await instance.RunAsync((_, _) => Task.CompletedTask));
    }
}
