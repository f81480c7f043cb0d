using System.Text.RegularExpressions;
using LicenseAdmin.Domain.Licensing.Planning;

namespace LicenseAdmin.Domain.Users.Import;

/// <summary>Who already holds a username the file asks for.</summary>
public enum UsernameHolder
{
    ActiveUser,
    DeletedUser,
}

/// <summary>A user of the file that passed every rule, ready to be added.</summary>
public sealed record ImportedUser(
    int Line,
    string UserPrincipalName,
    string DisplayName,
    string? FirstName,
    string? LastName,
    string? JobTitle,
    string? Department,
    string? UsageLocation,
    ContactDetails Contact);

/// <summary>What is wrong with one line of the file (line 1 is the header line), and in which column.</summary>
public sealed record UserImportProblem(int Line, string? Column, DomainMessage Reason)
{
    /// <summary>"Line 4, User Name: ..." or, for the file as a whole, "Line 1: ...".</summary>
    public DomainMessage Message => Column is null
        ? new DomainMessage("ImportLineProblem", "Line {Line}: {Reason}", new { Line, Reason })
        : new DomainMessage("ImportCellProblem", "Line {Line}, {Column}: {Reason}", new { Line, Column, Reason });

    public override string ToString() => Message.ToString();
}

/// <summary>The raw cells of one data line, by the header's column order.</summary>
public sealed record UserImportLine(int Line, IReadOnlyList<string?> Cells);

/// <summary>The header line read: where each known column is, or why the file cannot be read.</summary>
public sealed class UserImportHeader
{
    private readonly Dictionary<UserImportColumn, int> _positions;

    private UserImportHeader(Dictionary<UserImportColumn, int> positions, IReadOnlyList<UserImportProblem> problems)
    {
        _positions = positions;
        Problems = problems;
    }

    public IReadOnlyList<UserImportProblem> Problems { get; }
    public bool IsValid => Problems.Count == 0;

    public string? Cell(UserImportLine line, UserImportColumn column) =>
        _positions.TryGetValue(column, out var index) && index < line.Cells.Count ? line.Cells[index] : null;

    /// <summary>
    /// Every header must be a column of the template, none twice, and User Name and Display Name must be there.
    /// Columns of the template that are left out are simply empty for every user.
    /// </summary>
    public static UserImportHeader Read(IReadOnlyList<string> headers)
    {
        var positions = new Dictionary<UserImportColumn, int>();
        var problems = new List<UserImportProblem>();
        for (var index = 0; index < headers.Count; index++)
        {
            var header = (headers[index] ?? string.Empty).Trim().TrimStart('\uFEFF');
            if (header.Length == 0 && index == headers.Count - 1) continue; // a trailing separator
            var column = UserImportColumn.Find(header);
            if (column is null)
                problems.Add(new UserImportProblem(1, null, new DomainMessage("ImportUnknownColumn",
                    "'{Header}' is not a column of the template; use the headers of the downloaded template.", new { Header = header })));
            else if (!positions.TryAdd(column, index))
                problems.Add(new UserImportProblem(1, null, new DomainMessage("ImportDuplicateColumn",
                    "The column '{Column}' appears twice in the header line.", new { Column = column.Header })));
        }

        foreach (var missing in UserImportColumn.All.Where(c => c.Required && !positions.ContainsKey(c)))
            problems.Add(new UserImportProblem(1, null, new DomainMessage("ImportMissingColumn",
                "The header line has no '{Column}' column; every user needs one.", new { Column = missing.Header })));
        return new UserImportHeader(positions, problems);
    }
}

/// <summary>What adding the file's users does to one product's seats; <see cref="Problem"/> is why it cannot, or null.</summary>
public sealed record ImportSeatImpact(Guid ProductId, string Product, int Needed, int Available, DomainMessage? Problem)
{
    public bool Enough => Problem is null;
}

/// <summary>Every user of the file checked: those that can be added, and every problem by line and column.</summary>
public sealed record UserImportCheck(IReadOnlyList<ImportedUser> Users, IReadOnlyList<UserImportProblem> Problems)
{
    public bool IsValid => Problems.Count == 0 && Users.Count > 0;
}

/// <summary>
/// The rules of "Add multiple users" (docs/product-rules.md, "Adding many users"): a file is added whole or not at
/// all, so every line is checked first and every problem is named with its line number and column.
/// </summary>
public static partial class UserImportRules
{
    /// <summary>A file larger than this is refused before it is read (about 100,000 users of the full template).</summary>
    public const long MaxFileBytes = 50L * 1024 * 1024 - 1;

    /// <summary>At most this many users in one file.</summary>
    public const int MaxUsers = 100_000;

    public static DomainMessage FileTooLarge(long bytes) => new DomainMessage("ImportFileTooLarge",
        "The file has {Bytes:N0} bytes; a file of users can be at most {Max:N0} bytes.", new { Bytes = bytes, Max = MaxFileBytes });

    public static DomainMessage EmptyFile() => new DomainMessage("ImportEmptyFile", "The file is empty: it needs the header line of the template and one line per user.");

    public static DomainMessage NoUsers() => new DomainMessage("ImportNoUsers", "The file has a header line but no users.");

    public static DomainMessage TooManyUsers(int count) => new DomainMessage("ImportTooManyUsers",
        "The file has {Count:N0} users; one file can add at most {Max:N0}.", new { Count = count, Max = MaxUsers });

    public static DomainMessage NotText() => new DomainMessage("ImportNotText",
        "The file is not a CSV text file: save it from your spreadsheet as CSV (UTF-8) and upload it again.");

    /// <summary>
    /// Checks every line: the username (form, the tenant's domain, once in the file, not held by an active or deleted
    /// user), the display name, each value's length, the usage location (required when licenses are given) and cells a
    /// spreadsheet would run as a formula.
    /// </summary>
    /// <param name="header">The file's header line, read with <see cref="UserImportHeader.Read"/>.</param>
    /// <param name="lines">The data lines; line numbers as the file counts them (the header is line 1).</param>
    /// <param name="tenantDomain">The domain every username must end with.</param>
    /// <param name="taken">Usernames of the file that are already held, and by whom.</param>
    /// <param name="licensesGiven">Whether every user gets licenses, so each needs a usage location.</param>
    public static UserImportCheck Check(
        UserImportHeader header, IReadOnlyList<UserImportLine> lines, string tenantDomain,
        IReadOnlyDictionary<string, UsernameHolder> taken, bool licensesGiven)
    {
        var problems = new List<UserImportProblem>(header.Problems);
        if (!header.IsValid) return new UserImportCheck([], problems);
        if (lines.Count == 0) return new UserImportCheck([], [new UserImportProblem(1, null, NoUsers())]);
        if (lines.Count > MaxUsers) return new UserImportCheck([], [new UserImportProblem(1, null, TooManyUsers(lines.Count))]);

        var users = new List<ImportedUser>(lines.Count);
        var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var domain = "@" + tenantDomain.Trim().ToLowerInvariant();
        foreach (var line in lines)
        {
            var before = problems.Count;
            string? Value(UserImportColumn column)
            {
                var raw = header.Cell(line, column);
                if (string.IsNullOrWhiteSpace(raw)) return null;
                var value = raw.Trim();
                if (LooksLikeFormula(value))
                {
                    problems.Add(new UserImportProblem(line.Line, column.Header, new DomainMessage("ImportFormulaCell",
                        "'{Value}' starts with {Sign}, which a spreadsheet would run as a formula; remove the sign.",
                        new { Value = Shorten(value), Sign = value[0] == '\t' ? "a tab" : value[..1] })));
                    return null;
                }

                if (value.Length > column.MaxLength && column != UserImportColumn.UsageLocation)
                {
                    problems.Add(new UserImportProblem(line.Line, column.Header, new DomainMessage("ImportValueTooLong",
                        "The value has {Length:N0} characters; this column allows at most {Max:N0}.", new { Length = value.Length, Max = column.MaxLength })));
                    return null;
                }

                return value;
            }

            var values = UserImportColumn.All.ToDictionary(c => c, Value);
            var upn = CheckUsername(line.Line, header.Cell(line, UserImportColumn.UserName), values[UserImportColumn.UserName], domain, taken, firstLineOf, problems);
            var displayName = values[UserImportColumn.DisplayName];
            if (displayName is null && !HadProblem(problems, before, UserImportColumn.DisplayName))
                problems.Add(new UserImportProblem(line.Line, UserImportColumn.DisplayName.Header,
                    new DomainMessage("ImportDisplayNameMissing", "Every user needs a display name.")));

            var usageLocation = CheckUsageLocation(line.Line, values[UserImportColumn.UsageLocation], licensesGiven, problems, before);
            var contact = CheckContact(line.Line, values, problems);
            if (problems.Count == before)
                users.Add(new ImportedUser(line.Line, upn!, displayName!, values[UserImportColumn.FirstName], values[UserImportColumn.LastName],
                    values[UserImportColumn.JobTitle], values[UserImportColumn.Department], usageLocation, contact));
        }

        return new UserImportCheck(users, problems);
    }

    /// <summary>
    /// The products named on the command line (part number or display name) with the plans to turn off (plan name or
    /// friendly name, of one of those products). An unknown name is refused with the name.
    /// </summary>
    public static IReadOnlyList<ProductLicense> ResolveProducts(LicensingCatalog catalog, IEnumerable<string> productNames, IEnumerable<string> disabledPlanNames)
    {
        var products = new List<ProductInfo>();
        foreach (var name in productNames.Select(n => n.Trim()).Where(n => n.Length > 0))
        {
            var product = catalog.Products.FirstOrDefault(p => string.Equals(p.PartNumber, name, StringComparison.OrdinalIgnoreCase))
                ?? catalog.Products.FirstOrDefault(p => string.Equals(p.DisplayName, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new DomainException(new DomainMessage("ImportUnknownProduct",
                    "'{Product}' is not a product of the catalog; use its part number (e.g. ENTERPRISEPACK) or its name.", new { Product = name }));
            if (!products.Contains(product)) products.Add(product);
        }

        var disabled = products.ToDictionary(p => p.Id, _ => new HashSet<Guid>());
        foreach (var name in disabledPlanNames.Select(n => n.Trim()).Where(n => n.Length > 0))
        {
            var found = false;
            foreach (var product in products)
            {
                var plan = product.Plans.FirstOrDefault(p =>
                    string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) || string.Equals(p.FriendlyName, name, StringComparison.OrdinalIgnoreCase));
                if (plan is null) continue;
                disabled[product.Id].Add(plan.Id);
                found = true;
            }

            if (!found)
                throw new DomainException(new DomainMessage("ImportUnknownPlan",
                    "'{Plan}' is not a service plan of the chosen products.", new { Plan = name }));
        }

        return products.Select(p => new ProductLicense(p.Id, disabled[p.Id])).ToList();
    }

    /// <summary>
    /// The seats every chosen product needs (one per new user) against those free now. Not enough seats, a product
    /// the organisation does not subscribe to or a suspended one is refused before anything is written.
    /// </summary>
    public static IReadOnlyList<ImportSeatImpact> SeatImpacts(
        LicensingCatalog catalog, IReadOnlyList<ProductLicense> products, IReadOnlyList<ProductSeatState> seats, int users) =>
        products.Select(license =>
        {
            var name = catalog.TryGetProduct(license.ProductId, out var product) ? product.DisplayName : license.ProductId.ToString();
            var state = seats.FirstOrDefault(s => s.ProductId == license.ProductId);
            var available = Math.Max(0, state?.AvailableSeats ?? 0);
            DomainMessage? problem = null;
            if (state is null || !state.IsSubscribed)
                problem = new DomainMessage("ImportProductNotSubscribed", "The organisation has no subscription to {Product}.", new { Product = name });
            else if (state.IsSuspended)
                problem = new DomainMessage("ImportProductSuspended", "The subscription to {Product} is suspended; no new licenses can be given.", new { Product = name });
            else if (users > available)
                problem = new DomainMessage("ImportNotEnoughSeats",
                    "{Product} needs {Needed:N0} licenses for the new users, but only {Available:N0} are available; buy {Missing:N0} more or give fewer users this product.",
                    new { Product = name, Needed = users, Available = available, Missing = users - available });
            return new ImportSeatImpact(license.ProductId, name, users, available, problem);
        }).ToList();

    /// <summary>
    /// A cell a spreadsheet would run: starting with =, @, a tab or a carriage return, or with + or - unless the rest is a
    /// phone number (digits, spaces, dots, dashes, parentheses).
    /// </summary>
    public static bool LooksLikeFormula(string value)
    {
        if (value.Length == 0) return false;
        return value[0] switch
        {
            '=' or '@' or '\t' or '\r' => true,
            '+' or '-' => !PhoneNumber().IsMatch(value),
            _ => false,
        };
    }

    private static string? CheckUsername(
        int line, string? raw, string? value, string domain, IReadOnlyDictionary<string, UsernameHolder> taken,
        Dictionary<string, int> firstLineOf, List<UserImportProblem> problems)
    {
        var column = UserImportColumn.UserName.Header;
        if (value is null)
        {
            if (string.IsNullOrWhiteSpace(raw))
                problems.Add(new UserImportProblem(line, column, new DomainMessage("ImportUserNameMissing", "Every user needs a user name.")));
            return null;
        }

        string upn;
        try
        {
            upn = DirectoryUser.NormalizeUpn(value);
        }
        catch (DomainException refused)
        {
            problems.Add(new UserImportProblem(line, column, refused.Reason));
            return null;
        }

        if (!upn.EndsWith(domain, StringComparison.Ordinal))
        {
            problems.Add(new UserImportProblem(line, column, new DomainMessage("ImportOtherDomain",
                "'{Username}' is not in this organisation's domain; user names here end with {Domain}.", new { Username = upn, Domain = domain })));
            return null;
        }

        if (firstLineOf.TryGetValue(upn, out var first))
        {
            problems.Add(new UserImportProblem(line, column, new DomainMessage("ImportDuplicateUserName",
                "'{Username}' is already on line {First} of this file.", new { Username = upn, First = first })));
            return null;
        }

        firstLineOf[upn] = line;
        if (taken.TryGetValue(upn, out var holder))
        {
            problems.Add(new UserImportProblem(line, column, holder == UsernameHolder.DeletedUser
                ? new DomainMessage("ImportUserNameOfDeletedUser",
                    "'{Username}' belongs to a deleted user; restore that user, or choose another user name.", new { Username = upn })
                : new DomainMessage("ImportUserNameTaken", "'{Username}' is already used by another user.", new { Username = upn })));
            return null;
        }

        return upn;
    }

    private static string? CheckUsageLocation(int line, string? value, bool licensesGiven, List<UserImportProblem> problems, int before)
    {
        var column = UserImportColumn.UsageLocation.Header;
        if (value is null)
        {
            if (licensesGiven && !HadProblem(problems, before, UserImportColumn.UsageLocation))
                problems.Add(new UserImportProblem(line, column, new DomainMessage("ImportUsageLocationMissing",
                    "A user who gets licenses needs a usage location, a two-letter country code such as DK or US.")));
            return null;
        }

        try
        {
            return DirectoryUser.NormalizeUsageLocation(value);
        }
        catch (DomainException refused)
        {
            problems.Add(new UserImportProblem(line, column, refused.Reason));
            return null;
        }
    }

    private static ContactDetails CheckContact(int line, Dictionary<UserImportColumn, string?> values, List<UserImportProblem> problems)
    {
        var contact = new ContactDetails
        {
            Office = values[UserImportColumn.OfficeNumber],
            OfficePhone = values[UserImportColumn.OfficePhone],
            MobilePhone = values[UserImportColumn.MobilePhone],
            Fax = values[UserImportColumn.Fax],
            AlternateEmail = values[UserImportColumn.AlternateEmail],
            StreetAddress = values[UserImportColumn.Address],
            City = values[UserImportColumn.City],
            State = values[UserImportColumn.State],
            PostalCode = values[UserImportColumn.PostalCode],
            Country = values[UserImportColumn.Country],
        };
        try
        {
            return contact.Checked();
        }
        catch (DomainException refused)
        {
            // Lengths were checked per column above, so what is left is the e-mail form.
            problems.Add(new UserImportProblem(line, UserImportColumn.AlternateEmail.Header, refused.Reason));
            return ContactDetails.None;
        }
    }

    private static bool HadProblem(List<UserImportProblem> problems, int from, UserImportColumn column)
    {
        for (var i = from; i < problems.Count; i++)
            if (problems[i].Column == column.Header) return true;
        return false;
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    [GeneratedRegex(@"^[+-][0-9 ().\-/]*$")]
    private static partial Regex PhoneNumber();
}
