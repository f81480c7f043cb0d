using System.Globalization;
using CsvHelper.Configuration;

namespace LicenseAdmin.Infrastructure.Services;

/// <summary>The one CSV configuration of every export (Active users, audit log).</summary>
internal static class ExportCsv
{
    /// <summary>
    /// Culture-invariant, and cells that start with = + - @ are escaped: exports are opened in spreadsheets, and names,
    /// departments, targets and details are text an admin typed, which must never run as a formula there.
    /// </summary>
    public static CsvConfiguration Configuration() => new(CultureInfo.InvariantCulture)
    {
        InjectionOptions = InjectionOptions.Escape,
    };
}
