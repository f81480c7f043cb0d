namespace LicenseAdmin.Infrastructure.Persistence;

/// <summary>The "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string Sqlite = "Sqlite";
    public const string SqlServer = "SqlServer";
    public const string PostgreSql = "PostgreSql";

    /// <summary>Sqlite (the embedded default), SqlServer or PostgreSql.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>Apply migrations at start-up. Always done for SQLite; for SQL Server and PostgreSQL only when asked.</summary>
    public bool MigrateOnStartup { get; set; }

    /// <summary>SQLite only: how much of the file each connection maps into memory (0 turns it off). See <see cref="SqliteMemoryMap"/>.</summary>
    public int SqliteMemoryMapMb { get; set; } = SqliteMemoryMap.DefaultMegabytes;
}

/// <summary>The database configuration is wrong (unknown provider, missing connection string); the message names the key.</summary>
public sealed class DatabaseConfigurationException(string message) : Exception(message)
{
    public static DatabaseConfigurationException UnknownProvider(string? provider) =>
        new($"Database:Provider '{provider}' is not supported. Use '{DatabaseOptions.Sqlite}', '{DatabaseOptions.SqlServer}' or '{DatabaseOptions.PostgreSql}'.");

    /// <summary>A server provider is chosen but its connection string is empty.</summary>
    public static DatabaseConfigurationException MissingConnectionString(string provider) =>
        new($"Database:Provider is {provider} but ConnectionStrings:{provider} is empty. Set it (environment ConnectionStrings__{provider}).");
}
