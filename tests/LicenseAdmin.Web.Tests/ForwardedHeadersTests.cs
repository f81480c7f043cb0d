using System.Net;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Services.Auditing;
using LicenseAdmin.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Web.Tests;

/// <summary>
/// The client address the sign-in rate limit and the sign-in audit use: the X-Forwarded-For address only when the
/// request comes from a configured proxy (Security:ForwardedHeaders), otherwise the connection's own address.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string TrustedProxy = "10.0.0.1";
    private const string Client = "203.0.113.7";

    public static TheoryData<string, string, string, string> Senders => new()
    {
        // setting, its value, the connection's address, the address audited
        { "Security:ForwardedHeaders:KnownProxies:0", TrustedProxy, TrustedProxy, Client },
        { "Security:ForwardedHeaders:KnownNetworks:0", "10.20.0.0/16", "10.20.3.4", Client },
        { "Security:ForwardedHeaders:KnownProxies:0", TrustedProxy, "198.51.100.9", "198.51.100.9" },
        { "Security:ForwardedHeaders:KnownNetworks:0", "10.20.0.0/16", "10.21.3.4", "10.21.3.4" },
    };

    [Theory]
    [MemberData(nameof(Senders))]
    public async Task SignInAudit_BelievesXForwardedFor_OnlyFromAConfiguredProxy(string setting, string value, string connection, string audited)
    {
        using var portal = PortalBehind(connection).With(setting, value);
        var client = portal.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", Client);

        await PortalFactory.SignInAsync(client, "billing@contoso.com", "not-the-password-at-all");

        var log = await portal.Services.GetRequiredService<AuditLogService>().QueryAsync(
            await SessionEndTests.CallerAsync(portal, "admin@contoso.com"), new AuditLogQuery { Action = AuditAction.SignIn }, CancellationToken.None);
        Assert.Equal($"From {audited}: refused: the password was wrong.", Assert.Single(log.Rows).Detail);
    }

    [Fact]
    public async Task RateLimit_BehindATrustedProxy_CountsEachForwardedClientOnItsOwn()
    {
        using var portal = PortalBehind(TrustedProxy).With("Security:ForwardedHeaders:KnownProxies:0", TrustedProxy)
            .With("Security:SignInRateLimit:PermitLimit", "2");

        var first = await WrongSignInsAsync(portal, ["198.51.100.1", "198.51.100.1", "198.51.100.1"]);
        var other = await WrongSignInsAsync(portal, ["198.51.100.2"]);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], first);
        Assert.Equal([HttpStatusCode.OK], other);
    }

    [Fact]
    public async Task RateLimit_FromAnUntrustedSender_IgnoresForwardedAddresses_SoAGuesserCannotPickANewOneEachTime()
    {
        using var portal = PortalBehind("198.51.100.50").With("Security:ForwardedHeaders:KnownProxies:0", TrustedProxy)
            .With("Security:SignInRateLimit:PermitLimit", "2");

        var answers = await WrongSignInsAsync(portal, ["192.0.2.1", "192.0.2.2", "192.0.2.3"]);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
    }

    /// <summary>One wrong sign-in per forwarded address, each claiming that address in X-Forwarded-For.</summary>
    private static async Task<List<HttpStatusCode>> WrongSignInsAsync(PortalFactory portal, string[] forwardedFor)
    {
        var client = portal.CreateBrowserLikeClient();
        var form = await client.GetStringAsync("/Account/Login");
        var answers = new List<HttpStatusCode>();
        foreach (var address in forwardedFor)
        {
            using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login") { Content = PortalFactory.SignInForm(form, "billing@contoso.com", "not-the-password-at-all") };
            post.Headers.Add("X-Forwarded-For", address);
            answers.Add((await client.SendAsync(post)).StatusCode);
        }
        return answers;
    }

    /// <summary>The in-memory server has no network connection; this gives every request the address it would come from.</summary>
    private static PortalFactory PortalBehind(string connectionAddress) =>
        new PortalFactory().WithServices(services => services.AddSingleton<IStartupFilter>(new ConnectionFrom(IPAddress.Parse(connectionAddress))));

    private sealed class ConnectionFrom(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextStep) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextStep(context);
            });
            next(app);
        };
    }
}
