using System.Globalization;
using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Licensing.Planning;
using Microsoft.Extensions.Localization;

namespace LicenseAdmin.Web.Localization;

/// <summary>
/// Words what the domain and the services say (refusals, violations, role names, license counts) in the reader's
/// language: the translation of the message's English template, filled with its values. A message without a
/// translation reads as the English the domain produced, which is also what the API, CSV files and command line show.
/// </summary>
public sealed class DomainMessageLocalizer(IStringLocalizer<DomainMessages> translations)
{
    public string this[DomainMessage message] => Word(message);

    public string this[DomainException refusal] => Word(refusal.Reason);

    public string this[Violation violation] => Word(violation.Reason);

    public string this[AdminRoles roles] => Word(roles.Named());

    private string Word(DomainMessage message)
    {
        var translation = translations[message.Template];
        return translation.ResourceNotFound
            // A nested message (a reason, a count) may still have a translation of its own.
            ? message.Fill(message.Template, (value, format) => value is DomainMessage nested ? Word(nested) : DomainMessage.English(value, format))
            : message.Fill(translation.Value, (value, format) => value switch
            {
                DomainMessage nested => Word(nested),
                IFormattable formattable => formattable.ToString(format, CultureInfo.CurrentCulture),
                _ => value?.ToString() ?? string.Empty,
            });
    }
}
