namespace LicenseAdmin.Web.GraphApi;

/// <summary>Settings of the Graph-compatible API (section GraphApi).</summary>
public sealed class GraphApiOptions
{
    public const string Section = "GraphApi";

    /// <summary>
    /// The start of every token's issuer, <c>{IssuerBase}/{tenantId}/v2.0</c>. Fixed by configuration rather than taken
    /// from the request, so every host of a farm issues and accepts the same issuer.
    /// </summary>
    public string IssuerBase { get; set; } = "https://licenseadmin.local";

    /// <summary>The audience Graph's tokens carry; the SDKs ask for <c>https://graph.microsoft.com/.default</c>.</summary>
    public string Audience { get; set; } = "https://graph.microsoft.com";

    public int TokenLifetimeSeconds { get; set; } = 3599;

    public string IssuerFor(Guid tenantId) => $"{IssuerBase.TrimEnd('/')}/{tenantId}/v2.0";
}
