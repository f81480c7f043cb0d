using System.Globalization;

namespace LicenseAdmin.Web.Tests.Support;

/// <summary>Renders and translates in one language for the length of a test, as the request culture does in the portal.</summary>
public sealed class CultureScope : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    private CultureScope(string culture)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
    }

    public static CultureScope Danish() => new("da");

    public static CultureScope English() => new("en");

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }
}
