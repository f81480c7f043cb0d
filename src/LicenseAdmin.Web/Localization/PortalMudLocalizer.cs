using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LicenseAdmin.Web.Localization;

/// <summary>
/// Gives MudBlazor's components their texts in the portal's language. A key without a translation (every key in
/// English) is reported as not found, so MudBlazor uses its own English text.
/// </summary>
public sealed class PortalMudLocalizer(IStringLocalizer<MudTexts> translations) : MudLocalizer
{
    public override LocalizedString this[string key] => translations[key];
}
