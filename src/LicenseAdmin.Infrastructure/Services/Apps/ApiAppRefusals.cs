using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Apps;

namespace LicenseAdmin.Infrastructure.Services.Apps;

/// <summary>An app change broke a rule, so nothing was written.</summary>
public sealed class ApiAppRefusedException(DomainMessage reason) : DomainException(reason);

/// <summary>Every sentence the app service refuses with, in one place.</summary>
public static class ApiAppRefusals
{
    public const int MaxSecretLifetimeDays = 730;

    public static ApiAppRefusedException NotFound(Guid appId) =>
        Refuse("AppNotFound", "There is no app {App} in this organisation.", new { App = appId });

    public static ApiAppRefusedException NameRequired() =>
        Refuse("AppNameRequired", "Enter a name for the app.");

    public static ApiAppRefusedException NameTooLong() =>
        Refuse("AppNameTooLong", "The app name can be at most {Max} characters.", new { Max = ApiApp.MaxDisplayNameLength });

    public static ApiAppRefusedException DescriptionTooLong() =>
        Refuse("SecretDescriptionTooLong", "A secret's description can be at most {Max} characters.", new { Max = ApiApp.MaxDisplayNameLength });

    public static ApiAppRefusedException SecretLifetime() =>
        Refuse("SecretLifetime", "A client secret must expire after 1 to {Max} days.", new { Max = MaxSecretLifetimeDays });

    public static ApiAppRefusedException SecretNotFound(Guid secretId) =>
        Refuse("SecretNotFound", "The app has no client secret {Secret}.", new { Secret = secretId });

    public static ApiAppRefusedException UnknownPermissions() =>
        Refuse("UnknownPermission", "Only the permissions LicenseAdmin knows can be granted to an app.");

    public static ApiAppRefusedException Deleted(string app) =>
        Refuse("AppDeleted", "{App} is deleted and cannot be changed.", new { App = app });

    public static ApiAppRefusedException ConcurrentChange() =>
        Refuse("ConcurrentChange", "Another admin changed this app at the same time. Nothing was changed; review the app and try again.");

    private static ApiAppRefusedException Refuse(string code, string template, object? arguments = null) =>
        new(new DomainMessage(code, template, arguments));
}
