using MudBlazor;

namespace LicenseAdmin.Web.Localization;

public static class TranslationServices
{
    /// <summary>
    /// The translators beyond IStringLocalizer: the domain's messages, and MudBlazor's own texts (registered after
    /// AddMudServices, so this MudLocalizer is the one MudBlazor asks).
    /// </summary>
    public static IServiceCollection AddPortalTranslations(this IServiceCollection services) => services
        .AddTransient<DomainMessageLocalizer>()
        .AddTransient<MudLocalizer, PortalMudLocalizer>();
}
