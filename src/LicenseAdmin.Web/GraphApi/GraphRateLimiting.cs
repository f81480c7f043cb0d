using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace LicenseAdmin.Web.GraphApi;

/// <summary>Throttling limits of the API (section GraphApi:RateLimit), per app.</summary>
public sealed class GraphRateLimitOptions
{
    public const string Section = "GraphApi:RateLimit";

    /// <summary>Calls one app may make per window; Graph allows a few thousand per 10 seconds per app and tenant.</summary>
    public int PermitLimit { get; set; } = 2000;

    public int WindowSeconds { get; set; } = 10;
}

/// <summary>
/// ASP.NET Core's rate limiter, partitioned per app (the token's object id, read after the bearer token was validated),
/// answering 429 with Retry-After in Graph's error envelope.
/// </summary>
public static class GraphRateLimiting
{
    public const string Policy = "graph-per-app";

    public static void AddGraphRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(GraphRateLimitOptions.Section).Get<GraphRateLimitOptions>() ?? new GraphRateLimitOptions();
        if (limits.PermitLimit < 1 || limits.WindowSeconds < 1)
            throw new Infrastructure.ConfigurationValueException($"{GraphRateLimitOptions.Section}: PermitLimit and WindowSeconds must be at least 1.");
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(Policy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.User.FindFirst(GraphClaims.ObjectId)?.Value ?? string.Empty,
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PermitLimit, Window = TimeSpan.FromSeconds(limits.WindowSeconds), QueueLimit = 0,
                }));
            // The sign-in pages register their own limit and refusal; each refusal answers only its own requests.
            var otherRefusal = options.OnRejected;
            options.OnRejected = async (context, cancellationToken) =>
            {
                if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName != Policy)
                {
                    if (otherRefusal is not null) await otherRefusal(context, cancellationToken);
                    return;
                }
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(limits.WindowSeconds);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await GraphErrors.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, GraphErrorCodes.TooManyRequests,
                    $"Too many requests from this app. Retry after {seconds} seconds.");
            };
        });
    }
}
