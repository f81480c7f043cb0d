using System.Text.RegularExpressions;
using LicenseAdmin.Domain.Administration;

namespace LicenseAdmin.Domain.Users;

/// <summary>A person or a resource mailbox in a tenant.</summary>
public sealed partial class DirectoryUser : ITenantOwned
{
    /// <summary>
    /// A resource mailbox (shared, room, equipment) needs no license until it passes this quota
    /// (50 GB, as in Exchange Online). Over it the mailbox is flagged "License required".
    /// </summary>
    public const long ResourceMailboxQuotaMb = 50L * 1024;

    /// <summary>Field lengths, checked here so every database provider refuses the same input with the same sentence.</summary>
    public const int MaxUserPrincipalNameLength = 256, MaxDisplayNameLength = 256, MaxFirstNameLength = 64,
        MaxLastNameLength = 64, MaxDepartmentLength = 64, MaxJobTitleLength = 128;

    private DirectoryUser()
    {
        UserPrincipalName = DisplayName = string.Empty;
    }

    public DirectoryUser(Guid id, Guid tenantId, string userPrincipalName, string displayName, UserKind kind, DateTime createdUtc)
    {
        Id = id;
        TenantId = tenantId;
        UserPrincipalName = NormalizeUpn(userPrincipalName);
        DisplayName = RequireDisplayName(displayName);
        Kind = kind;
        CreatedUtc = createdUtc;
        // Resource mailboxes are never signed in to directly.
        SignInBlocked = kind != UserKind.User;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public string UserPrincipalName { get; private set; }
    public string DisplayName { get; private set; }
    public string? FirstName { get; private set; }
    public string? LastName { get; private set; }
    public string? Department { get; private set; }
    public string? JobTitle { get; private set; }

    // How the user is reached (Microsoft's user template): see ContactDetails.
    public string? Office { get; private set; }
    public string? OfficePhone { get; private set; }
    public string? MobilePhone { get; private set; }
    public string? Fax { get; private set; }
    public string? AlternateEmail { get; private set; }
    public string? StreetAddress { get; private set; }
    public string? City { get; private set; }
    public string? State { get; private set; }
    public string? PostalCode { get; private set; }
    public string? Country { get; private set; }

    public ContactDetails Contact => new()
    {
        Office = Office, OfficePhone = OfficePhone, MobilePhone = MobilePhone, Fax = Fax, AlternateEmail = AlternateEmail,
        StreetAddress = StreetAddress, City = City, State = State, PostalCode = PostalCode, Country = Country,
    };

    /// <summary>Two-letter ISO 3166 country code; required before any license can be assigned.</summary>
    public string? UsageLocation { get; private set; }

    public bool SignInBlocked { get; private set; }
    public UserKind Kind { get; private set; }
    public AdminRoles Roles { get; private set; }
    public long MailboxSizeMb { get; private set; }
    public DateTime CreatedUtc { get; private set; }

    /// <summary>The last successful sign-in to the portal; null until the first one.</summary>
    public DateTime? LastSignInUtc { get; private set; }

    /// <summary>Since when the user has not signed in: the last sign-in, or the creation of a user who never did.</summary>
    public DateTime IdleSinceUtc => LastSignInUtc ?? CreatedUtc;

    public void RecordSignIn(DateTime nowUtc) => LastSignInUtc = nowUtc;

    /// <summary>When the user was moved to Deleted users; null while active.</summary>
    public DateTime? DeletedUtc { get; private set; }

    public bool IsDeleted => DeletedUtc is not null;

    /// <summary>
    /// A deleted user is kept <see cref="Licensing.ServiceProvisioning.RetentionPeriod"/> (30 days) and may be restored
    /// until then; from that moment the purge service deletes them for good.
    /// </summary>
    public bool IsDueForPurge(DateTime nowUtc) => PurgeDueUtc <= nowUtc;

    /// <summary>When the purge service deletes this user for good; null while active.</summary>
    public DateTime? PurgeDueUtc => DeletedUtc + Licensing.ServiceProvisioning.RetentionPeriod;

    /// <summary>Users deleted at or before this moment are due for purge (the same rule as a query can use it).</summary>
    public static DateTime PurgeCutoff(DateTime nowUtc) => nowUtc - Licensing.ServiceProvisioning.RetentionPeriod;
    public bool IsResourceMailbox => Kind != UserKind.User;
    public bool IsAdmin => Roles != AdminRoles.None;

    /// <summary>A resource mailbox over its quota must be licensed (docs/product-rules.md, "Assigning licenses").</summary>
    public bool ResourceMailboxNeedsLicense => IsResourceMailbox && MailboxSizeMb > ResourceMailboxQuotaMb;

    public void UpdateProfile(string displayName, string? firstName, string? lastName, string? department, string? jobTitle)
    {
        // Every field is checked before any is set, so a refused change leaves the user as it was.
        var display = RequireDisplayName(displayName);
        var first = PlainText.Checked(Limited(Clean(firstName), MaxFirstNameLength, "FirstNameTooLong", "A first name can be at most {Max} characters; this one has {Length}."), PlainText.Fields.FirstName);
        var last = PlainText.Checked(Limited(Clean(lastName), MaxLastNameLength, "LastNameTooLong", "A last name can be at most {Max} characters; this one has {Length}."), PlainText.Fields.LastName);
        var dept = PlainText.Checked(Limited(Clean(department), MaxDepartmentLength, "DepartmentTooLong", "A department can be at most {Max} characters; this one has {Length}."), PlainText.Fields.Department);
        var title = PlainText.Checked(Limited(Clean(jobTitle), MaxJobTitleLength, "JobTitleTooLong", "A job title can be at most {Max} characters; this one has {Length}."), PlainText.Fields.JobTitle);
        (DisplayName, FirstName, LastName, Department, JobTitle) = (display, first, last, dept, title);
    }

    /// <summary>Replaces every contact detail; all are checked before any is set.</summary>
    public void SetContact(ContactDetails contact)
    {
        var c = contact.Checked();
        (Office, OfficePhone, MobilePhone, Fax, AlternateEmail) = (c.Office, c.OfficePhone, c.MobilePhone, c.Fax, c.AlternateEmail);
        (StreetAddress, City, State, PostalCode, Country) = (c.StreetAddress, c.City, c.State, c.PostalCode, c.Country);
    }

    /// <summary>
    /// Renames the user. The new name has the username's form and ends with the organisation's domain, as every
    /// name of an import does; whether another user holds it is the service's check.
    /// </summary>
    public void ChangeUserPrincipalName(string userPrincipalName, string tenantDomain)
    {
        var value = NormalizeUpn(userPrincipalName);
        var domain = "@" + tenantDomain.Trim().ToLowerInvariant();
        if (!value.EndsWith(domain, StringComparison.Ordinal))
            throw new DomainException(new DomainMessage("UsernameOtherDomain",
                "'{Username}' is not in this organisation's domain; user names here end with {Domain}.", new { Username = value, Domain = domain }));
        UserPrincipalName = value;
    }

    public void SetUsageLocation(string? countryCode) => UsageLocation = NormalizeUsageLocation(countryCode);

    public void SetSignInBlocked(bool blocked) => SignInBlocked = blocked;

    public void SetRoles(AdminRoles roles) => Roles = roles;

    public void SetMailboxSize(long megabytes)
    {
        if (megabytes < 0) throw new DomainException("InvalidMailboxSize", "A mailbox size cannot be negative.");
        MailboxSizeMb = megabytes;
    }

    /// <summary>Moves the user to Deleted users: sign-in is blocked at once; the caller frees the licenses.</summary>
    public void MarkDeleted(DateTime nowUtc)
    {
        if (IsDeleted) throw new DomainException(new DomainMessage("UserAlreadyDeleted", "{User} is already deleted.", new { User = UserPrincipalName }));
        DeletedUtc = nowUtc;
        SignInBlocked = true;
    }

    public void MarkRestored()
    {
        if (!IsDeleted) throw new DomainException(new DomainMessage("UserNotDeleted", "{User} is not deleted.", new { User = UserPrincipalName }));
        DeletedUtc = null;
        SignInBlocked = IsResourceMailbox;
    }

    public static string NormalizeUpn(string? upn)
    {
        var value = (upn ?? string.Empty).Trim().ToLowerInvariant();
        if (value.Length > MaxUserPrincipalNameLength)
            throw new DomainException(new DomainMessage("UserPrincipalNameTooLong",
                "A username can be at most {Max} characters; this one has {Length}.", new { Max = MaxUserPrincipalNameLength, Length = value.Length }));
        if (!UpnPattern().IsMatch(value))
            throw new DomainException(new DomainMessage("InvalidUserPrincipalName",
                "'{Username}' is not a valid username: use the form name@domain, e.g. anna@contoso.com.", new { Username = upn }));
        return value;
    }

    public static string? NormalizeUsageLocation(string? countryCode)
    {
        if (string.IsNullOrWhiteSpace(countryCode)) return null;
        var value = countryCode.Trim().ToUpperInvariant();
        if (!CountryPattern().IsMatch(value))
            throw new DomainException(new DomainMessage("InvalidUsageLocation",
                "'{Country}' is not a usage location: use a two-letter country code such as DK or US.", new { Country = countryCode }));
        return value;
    }

    private static string RequireDisplayName(string? displayName)
    {
        if (string.IsNullOrWhiteSpace(displayName))
            throw new DomainException("DisplayNameRequired", "A user needs a display name.");
        var value = displayName.Trim();
        if (value.Length > MaxDisplayNameLength) throw new DomainException("DisplayNameTooLong", "A display name can be at most 256 characters.");
        return PlainText.Checked(value, PlainText.Fields.DisplayName)!;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Limited(string? value, int max, string code, string template) =>
        value is { Length: var length } && length > max
            ? throw new DomainException(new DomainMessage(code, template, new { Max = max, Length = length }))
            : value;

    [GeneratedRegex(@"^[a-z0-9._%+'-]{1,64}@[a-z0-9-]+(\.[a-z0-9-]+)+$")]
    private static partial Regex UpnPattern();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryPattern();
}
