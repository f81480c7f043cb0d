namespace LicenseAdmin.Domain.Apps;

/// <summary>
/// An app registration: a script or tool that calls the Graph-compatible API as itself, with the permissions a
/// Global administrator granted it. Disabled or deleted apps get no tokens, and their tokens stop working.
/// </summary>
public sealed class ApiApp : ITenantOwned
{
    public const int MaxDisplayNameLength = 120;

    private readonly List<ApiAppSecret> _secrets = [];

    private ApiApp()
    {
        DisplayName = string.Empty;
    }

    public ApiApp(Guid id, Guid tenantId, Guid clientId, string displayName, DateTime createdUtc)
    {
        Id = id;
        TenantId = tenantId;
        ClientId = clientId;
        DisplayName = displayName;
        CreatedUtc = createdUtc;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }

    /// <summary>The application (client) id a script signs in with; unique across tenants.</summary>
    public Guid ClientId { get; private set; }

    public string DisplayName { get; private set; }
    public ApiPermissions Permissions { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime? LastUsedUtc { get; private set; }
    public DateTime? DisabledUtc { get; private set; }
    public DateTime? DeletedUtc { get; private set; }
    public IReadOnlyList<ApiAppSecret> Secrets => _secrets;

    public bool IsActive => DisabledUtc is null && DeletedUtc is null;

    public void GrantPermissions(ApiPermissions permissions) => Permissions = permissions;

    public void MarkDisabled(DateTime nowUtc) => DisabledUtc ??= nowUtc;

    public void MarkEnabled() => DisabledUtc = null;

    public void MarkDeleted(DateTime nowUtc) => DeletedUtc ??= nowUtc;
}

/// <summary>A client secret of an app: only its hash is kept; the text is shown once, when it is made.</summary>
public sealed class ApiAppSecret : ITenantOwned
{
    private ApiAppSecret()
    {
        Description = Hint = Hash = string.Empty;
    }

    public ApiAppSecret(Guid id, Guid tenantId, Guid appId, string description, string hint, string hash, DateTime createdUtc, DateTime expiresUtc)
    {
        Id = id;
        TenantId = tenantId;
        AppId = appId;
        Description = description;
        Hint = hint;
        Hash = hash;
        CreatedUtc = createdUtc;
        ExpiresUtc = expiresUtc;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid AppId { get; private set; }
    public string Description { get; private set; }

    /// <summary>The first characters of the secret, so an admin can tell secrets apart (as the Entra admin center shows).</summary>
    public string Hint { get; private set; }

    /// <summary>SHA-256 of the secret, hex: the secret is random and long, so a slow password hash adds nothing.</summary>
    public string Hash { get; private set; }

    public DateTime CreatedUtc { get; private set; }
    public DateTime ExpiresUtc { get; private set; }
    public DateTime? RevokedUtc { get; private set; }

    public bool IsUsableAt(DateTime nowUtc) => RevokedUtc is null && ExpiresUtc > nowUtc;

    public void MarkRevoked(DateTime nowUtc) => RevokedUtc ??= nowUtc;
}
