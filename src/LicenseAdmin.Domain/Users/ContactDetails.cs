using System.Text.RegularExpressions;

namespace LicenseAdmin.Domain.Users;

/// <summary>
/// How a user is reached, as Microsoft's user template has it: office, phones, fax, another e-mail address and a
/// postal address. Every field is optional; each is trimmed, empty means none, and an over-long one is refused with
/// its name and length.
/// </summary>
public sealed partial record ContactDetails
{
    public const int MaxOfficeLength = 128, MaxPhoneLength = 64, MaxAlternateEmailLength = 256, MaxStreetAddressLength = 1024,
        MaxCityLength = 128, MaxStateLength = 128, MaxPostalCodeLength = 40, MaxCountryLength = 128;

    public static readonly ContactDetails None = new();

    public string? Office { get; init; }
    public string? OfficePhone { get; init; }
    public string? MobilePhone { get; init; }
    public string? Fax { get; init; }
    public string? AlternateEmail { get; init; }
    public string? StreetAddress { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public string? PostalCode { get; init; }
    public string? Country { get; init; }

    /// <summary>The same details trimmed and checked; throws with the first field that is too long or not an e-mail address.</summary>
    public ContactDetails Checked() => new()
    {
        Office = Limited(Office, MaxOfficeLength, "OfficeTooLong", "An office can be at most {Max} characters; this one has {Length}."),
        OfficePhone = Limited(OfficePhone, MaxPhoneLength, "OfficePhoneTooLong", "An office phone can be at most {Max} characters; this one has {Length}."),
        MobilePhone = Limited(MobilePhone, MaxPhoneLength, "MobilePhoneTooLong", "A mobile phone can be at most {Max} characters; this one has {Length}."),
        Fax = Limited(Fax, MaxPhoneLength, "FaxTooLong", "A fax number can be at most {Max} characters; this one has {Length}."),
        AlternateEmail = Email(Limited(AlternateEmail, MaxAlternateEmailLength, "AlternateEmailTooLong",
            "An alternate e-mail address can be at most {Max} characters; this one has {Length}.")),
        StreetAddress = Limited(StreetAddress, MaxStreetAddressLength, "StreetAddressTooLong", "An address can be at most {Max} characters; this one has {Length}."),
        City = Limited(City, MaxCityLength, "CityTooLong", "A city can be at most {Max} characters; this one has {Length}."),
        State = Limited(State, MaxStateLength, "StateTooLong", "A state or province can be at most {Max} characters; this one has {Length}."),
        PostalCode = Limited(PostalCode, MaxPostalCodeLength, "PostalCodeTooLong", "A postal code can be at most {Max} characters; this one has {Length}."),
        Country = Limited(Country, MaxCountryLength, "CountryTooLong", "A country or region can be at most {Max} characters; this one has {Length}."),
    };

    private static string? Email(string? value) =>
        value is null || EmailPattern().IsMatch(value)
            ? value
            : throw new DomainException(new DomainMessage("InvalidAlternateEmail",
                "'{Email}' is not an e-mail address: use the form name@domain, e.g. anna@example.com.", new { Email = value }));

    private static string? Limited(string? value, int max, string code, string template)
    {
        var clean = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        return clean is { Length: var length } && length > max
            ? throw new DomainException(new DomainMessage(code, template, new { Max = max, Length = length }))
            : clean;
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
