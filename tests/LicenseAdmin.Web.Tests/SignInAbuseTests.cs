using System.Net;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Services.Auditing;
using LicenseAdmin.Web.Security;
using LicenseAdmin.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Web.Tests;

/// <summary>Sign-in abuse: a limit per client address, and every attempt in the audit log for Global administrators.</summary>
public sealed class SignInAbuseTests : IDisposable
{
    private readonly PortalFactory _portal = new PortalFactory().With("Security:SignInRateLimit:PermitLimit", "3");

    [Fact]
    public async Task SignInPosts_OverTheLimitFromOneAddress_AreRefusedWith429_EvenWithTheRightPassword()
    {
        var client = _portal.CreateBrowserLikeClient();
        var form = await client.GetStringAsync("/Account/Login");
        var answers = new List<HttpStatusCode>();
        for (var attempt = 1; attempt <= 3; attempt++)
            answers.Add((await client.PostAsync("/Account/Login", PortalFactory.SignInForm(form, $"guess{attempt}@contoso.com", "not-the-password-at-all"))).StatusCode);

        var fourth = await client.PostAsync("/Account/Login", PortalFactory.SignInForm(form, "licenseadmin@contoso.com", PortalFactory.Password));
        var page = await client.GetAsync("/Account/Login");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], answers);
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Equal(SignInRateLimit.RefusalText, await fourth.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task SignInAttempts_AreAudited_WithResultAndAddress_ForGlobalAdminsOnly()
    {
        var client = _portal.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, "billing@contoso.com", "not-the-password-at-all");
        await PortalFactory.SignInAsync(client, "nobody-here@contoso.com", "not-the-password-at-all");
        await PortalFactory.SignInAsync(_portal.CreateBrowserLikeClient(), "licenseadmin@contoso.com");
        var log = _portal.Services.GetRequiredService<AuditLogService>();
        var query = new AuditLogQuery { Action = AuditAction.SignIn };

        var seenByGlobalAdmin = await log.QueryAsync(await SessionEndTests.CallerAsync(_portal, "admin@contoso.com"), query, CancellationToken.None);
        var seenByLicenseAdmin = await log.QueryAsync(await SessionEndTests.CallerAsync(_portal, "licenseadmin@contoso.com"), query, CancellationToken.None);

        Assert.Equal(
            [
                ("licenseadmin@contoso.com", AuditOutcome.Succeeded, "From unknown address: signed in."),
                ("nobody-here@contoso.com", AuditOutcome.Refused, "From unknown address: refused: no account has this username."),
                ("billing@contoso.com", AuditOutcome.Refused, "From unknown address: refused: the password was wrong."),
            ],
            seenByGlobalAdmin.Rows.Select(r => (r.Actor, r.Outcome, r.Detail)));
        Assert.Empty(seenByLicenseAdmin.Rows);
    }

    public void Dispose() => _portal.Dispose();
}
