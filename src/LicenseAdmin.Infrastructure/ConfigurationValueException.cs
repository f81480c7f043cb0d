namespace LicenseAdmin.Infrastructure;

/// <summary>A configuration value is unusable; the message names the key and what it must be.</summary>
public sealed class ConfigurationValueException(string message) : Exception(message);
