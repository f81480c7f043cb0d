namespace LicenseAdmin.Domain.Users.Import;

/// <summary>
/// One column of the "Add multiple users" file: Microsoft's header, how long a value may be, and whether every row
/// needs it. The headers are matched without regard to case or surrounding spaces.
/// </summary>
public sealed record UserImportColumn(string Header, int MaxLength, bool Required = false)
{
    public static readonly UserImportColumn UserName = new("User Name", DirectoryUser.MaxUserPrincipalNameLength, Required: true);
    public static readonly UserImportColumn FirstName = new("First Name", DirectoryUser.MaxFirstNameLength);
    public static readonly UserImportColumn LastName = new("Last Name", DirectoryUser.MaxLastNameLength);
    public static readonly UserImportColumn DisplayName = new("Display Name", DirectoryUser.MaxDisplayNameLength, Required: true);
    public static readonly UserImportColumn JobTitle = new("Job Title", DirectoryUser.MaxJobTitleLength);
    public static readonly UserImportColumn Department = new("Department", DirectoryUser.MaxDepartmentLength);
    public static readonly UserImportColumn OfficeNumber = new("Office Number", ContactDetails.MaxOfficeLength);
    public static readonly UserImportColumn OfficePhone = new("Office Phone", ContactDetails.MaxPhoneLength);
    public static readonly UserImportColumn MobilePhone = new("Mobile Phone", ContactDetails.MaxPhoneLength);
    public static readonly UserImportColumn Fax = new("Fax", ContactDetails.MaxPhoneLength);
    public static readonly UserImportColumn AlternateEmail = new("Alternate email address", ContactDetails.MaxAlternateEmailLength);
    public static readonly UserImportColumn Address = new("Address", ContactDetails.MaxStreetAddressLength);
    public static readonly UserImportColumn City = new("City", ContactDetails.MaxCityLength);
    public static readonly UserImportColumn State = new("State or Province", ContactDetails.MaxStateLength);
    public static readonly UserImportColumn PostalCode = new("ZIP or Postal Code", ContactDetails.MaxPostalCodeLength);
    public static readonly UserImportColumn Country = new("Country or Region", ContactDetails.MaxCountryLength);
    public static readonly UserImportColumn UsageLocation = new("Usage Location", 2);

    /// <summary>Every column in the template's order: Microsoft's sixteen, then Usage Location.</summary>
    public static readonly IReadOnlyList<UserImportColumn> All =
    [
        UserName, FirstName, LastName, DisplayName, JobTitle, Department, OfficeNumber, OfficePhone, MobilePhone, Fax,
        AlternateEmail, Address, City, State, PostalCode, Country, UsageLocation,
    ];

    public static UserImportColumn? Find(string header)
    {
        var wanted = header.Trim();
        return All.FirstOrDefault(c => string.Equals(c.Header, wanted, StringComparison.OrdinalIgnoreCase));
    }
}
