namespace LicenseAdmin.Domain;

/// <summary>
/// What a one-line text field (a name, a department, a device or app name) may hold: no control characters (tab, line
/// breaks, bell, NUL, …) and no hidden text-direction controls (U+202A to U+202E, U+2066 to U+2069). Those make a name
/// read as something else on screen, in an export or in the audit log ("\u202Emoc.osotnoc@nimda" shows as
/// admin@contoso.com), or break a line-based file. Right-to-left scripts themselves are welcome.
/// </summary>
public static class PlainText
{
    public static bool IsRefused(char c) => char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    /// <summary><paramref name="value"/> as it is, or a refusal naming <paramref name="field"/>.</summary>
    public static string? Checked(string? value, DomainMessage field) =>
        value is not null && value.Any(IsRefused)
            ? throw new DomainException(new DomainMessage("InvalidCharacters",
                "{Field} contains a control character or a hidden text-direction mark (such as U+202E); type it without them.", new { Field = field }))
            : value;

    /// <summary>The fields' names, for the refusal.</summary>
    public static class Fields
    {
        public static readonly DomainMessage DisplayName = new("FieldDisplayName", "The display name");
        public static readonly DomainMessage FirstName = new("FieldFirstName", "The first name");
        public static readonly DomainMessage LastName = new("FieldLastName", "The last name");
        public static readonly DomainMessage Department = new("FieldDepartment", "The department");
        public static readonly DomainMessage JobTitle = new("FieldJobTitle", "The job title");
        public static readonly DomainMessage DeviceName = new("FieldDeviceName", "The device name");
        public static readonly DomainMessage AppName = new("FieldAppName", "The app name");
        public static readonly DomainMessage SecretDescription = new("FieldSecretDescription", "The secret's description");
    }
}
