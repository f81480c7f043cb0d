using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Domain.Users.Import;

namespace LicenseAdmin.Domain.Tests.Users;

public class UserImportRulesTests
{
    private static readonly string[] Template = UserImportColumn.All.Select(c => c.Header).ToArray();
    private static readonly Dictionary<string, UsernameHolder> NoneTaken = new();

    private static UserImportLine Line(int number, params (string Column, string Value)[] cells)
    {
        var values = new string?[Template.Length];
        foreach (var (column, value) in cells) values[Array.IndexOf(Template, column)] = value;
        return new UserImportLine(number, values);
    }

    private static UserImportLine Anna(int number = 2, string upn = "anna@contoso.com") =>
        Line(number, ("User Name", upn), ("Display Name", "Anna Berg"), ("Usage Location", "dk"));

    private static UserImportCheck Check(IReadOnlyList<UserImportLine> lines, IReadOnlyDictionary<string, UsernameHolder>? taken = null, bool licenses = false) =>
        UserImportRules.Check(UserImportHeader.Read(Template), lines, "contoso.com", taken ?? NoneTaken, licenses);

    private static string OnlyProblem(UserImportCheck check) => Assert.Single(check.Problems).ToString();

    [Fact]
    public void AGoodLine_BecomesAUserWithEveryColumn()
    {
        var line = Line(2, ("User Name", " Anna@Contoso.com "), ("First Name", "Anna"), ("Last Name", "Berg"), ("Display Name", "Anna Berg"),
            ("Job Title", "Buyer"), ("Department", "Sales"), ("Office Number", "B12"), ("Office Phone", "+45 33 12 34 56"),
            ("Mobile Phone", "+45 20 12 34 56"), ("Fax", "-"), ("Alternate email address", "anna@example.com"), ("Address", "Vesterbrogade 1"),
            ("City", "København"), ("State or Province", "Hovedstaden"), ("ZIP or Postal Code", "1620"), ("Country or Region", "Denmark"),
            ("Usage Location", "dk"));

        var check = Check([line], licenses: true);

        Assert.True(check.IsValid);
        var user = Assert.Single(check.Users);
        Assert.Equal(("anna@contoso.com", "Anna Berg", "DK", "Sales", "Buyer"), (user.UserPrincipalName, user.DisplayName, user.UsageLocation, user.Department, user.JobTitle));
        Assert.Equal(("+45 33 12 34 56", "København", "1620", "anna@example.com"), (user.Contact.OfficePhone, user.Contact.City, user.Contact.PostalCode, user.Contact.AlternateEmail));
    }

    [Fact]
    public void AMissingUserName_IsNamedWithItsLineAndColumn()
    {
        var check = Check([Anna(), Line(3, ("Display Name", "Bo Ek"))]);

        Assert.Equal("Line 3, User Name: Every user needs a user name.", OnlyProblem(check));
        Assert.Single(check.Users);
        Assert.False(check.IsValid);
    }

    [Fact]
    public void AMissingDisplayName_IsNamed()
    {
        Assert.Equal("Line 2, Display Name: Every user needs a display name.",
            OnlyProblem(Check([Line(2, ("User Name", "bo@contoso.com"))])));
    }

    [Fact]
    public void AUserNameNotOfTheForm_IsRefusedWithTheDirectorysSentence()
    {
        Assert.Equal("Line 2, User Name: 'bo at contoso' is not a valid username: use the form name@domain, e.g. anna@contoso.com.",
            OnlyProblem(Check([Anna(upn: "bo at contoso")])));
    }

    [Fact]
    public void AUserNameOfAnotherDomain_IsRefused()
    {
        Assert.Equal("Line 2, User Name: 'anna@fabrikam.com' is not in this organisation's domain; user names here end with @contoso.com.",
            OnlyProblem(Check([Anna(upn: "anna@fabrikam.com")])));
    }

    [Fact]
    public void AUserNameTwiceInTheFile_NamesTheFirstLine()
    {
        var check = Check([Anna(2), Anna(3, "bo@contoso.com"), Anna(4, "ANNA@contoso.com")]);

        Assert.Equal("Line 4, User Name: 'anna@contoso.com' is already on line 2 of this file.", OnlyProblem(check));
    }

    [Fact]
    public void AUserNameOfAnActiveOrADeletedUser_IsRefusedWithWhichItIs()
    {
        var taken = new Dictionary<string, UsernameHolder> { ["anna@contoso.com"] = UsernameHolder.ActiveUser, ["bo@contoso.com"] = UsernameHolder.DeletedUser };

        var check = Check([Anna(2), Anna(3, "bo@contoso.com")], taken);

        Assert.Equal(
            [
                "Line 2, User Name: 'anna@contoso.com' is already used by another user.",
                "Line 3, User Name: 'bo@contoso.com' belongs to a deleted user; restore that user, or choose another user name.",
            ], check.Problems.Select(p => p.ToString()));
        Assert.Empty(check.Users);
    }

    [Fact]
    public void ABadUsageLocation_IsRefused()
    {
        Assert.Equal("Line 2, Usage Location: 'Denmark' is not a usage location: use a two-letter country code such as DK or US.",
            OnlyProblem(Check([Line(2, ("User Name", "anna@contoso.com"), ("Display Name", "Anna"), ("Usage Location", "Denmark"))])));
    }

    [Fact]
    public void NoUsageLocation_IsRefusedOnlyWhenLicensesAreGiven()
    {
        var line = Line(2, ("User Name", "anna@contoso.com"), ("Display Name", "Anna"));

        Assert.True(Check([line]).IsValid);
        Assert.Equal("Line 2, Usage Location: A user who gets licenses needs a usage location, a two-letter country code such as DK or US.",
            OnlyProblem(Check([line], licenses: true)));
    }

    [Theory]
    [InlineData("Department", 65, "Line 2, Department: The value has 65 characters; this column allows at most 64.")]
    [InlineData("Job Title", 129, "Line 2, Job Title: The value has 129 characters; this column allows at most 128.")]
    [InlineData("Office Phone", 65, "Line 2, Office Phone: The value has 65 characters; this column allows at most 64.")]
    [InlineData("Address", 1025, "Line 2, Address: The value has 1,025 characters; this column allows at most 1,024.")]
    [InlineData("ZIP or Postal Code", 41, "Line 2, ZIP or Postal Code: The value has 41 characters; this column allows at most 40.")]
    [InlineData("Display Name", 257, "Line 2, Display Name: The value has 257 characters; this column allows at most 256.")]
    public void AValueTooLong_NamesTheColumnAndTheLimit(string column, int length, string message)
    {
        var line = Line(2, ("User Name", "anna@contoso.com"), ("Display Name", "Anna"), (column, new string('7', length)));

        Assert.Equal(message, OnlyProblem(Check([line])));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "=")]
    [InlineData("@SUM(A1)", "@")]
    [InlineData("+1+cmd", "+")]
    [InlineData("-2+3", "-")]
    public void AFormulaLookingCell_IsRefused(string value, string sign)
    {
        var line = Line(2, ("User Name", "anna@contoso.com"), ("Display Name", "Anna"), ("Department", value));

        Assert.Equal($"Line 2, Department: '{value}' starts with {sign}, which a spreadsheet would run as a formula; remove the sign.", OnlyProblem(Check([line])));
    }

    [Theory]
    [InlineData("+45 33 12 34 56")]
    [InlineData("+1 (425) 555-0100")]
    [InlineData("-")]
    public void APhoneNumberWithASign_IsNotAFormula(string value) => Assert.False(UserImportRules.LooksLikeFormula(value));

    [Fact]
    public void ABadAlternateEmail_IsNamed()
    {
        var line = Line(2, ("User Name", "anna@contoso.com"), ("Display Name", "Anna"), ("Alternate email address", "anna.example.com"));

        Assert.Equal("Line 2, Alternate email address: 'anna.example.com' is not an e-mail address: use the form name@domain, e.g. anna@example.com.",
            OnlyProblem(Check([line])));
    }

    [Fact]
    public void EveryProblemOfALine_IsListed()
    {
        var line = Line(5, ("User Name", "anna@fabrikam.com"), ("Department", "=1+1"), ("Usage Location", "XYZ"));

        Assert.Equal(
            [
                "Line 5, Department: '=1+1' starts with =, which a spreadsheet would run as a formula; remove the sign.",
                "Line 5, User Name: 'anna@fabrikam.com' is not in this organisation's domain; user names here end with @contoso.com.",
                "Line 5, Display Name: Every user needs a display name.",
                "Line 5, Usage Location: 'XYZ' is not a usage location: use a two-letter country code such as DK or US.",
            ], Check([line]).Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void HeadersAreMatchedWithoutCaseOrSpaces_AndMissingOptionalColumnsAreEmpty()
    {
        var header = UserImportHeader.Read(["\uFEFFuser name", " DISPLAY NAME "]);
        var check = UserImportRules.Check(header, [new UserImportLine(2, ["anna@contoso.com", "Anna"])], "contoso.com", NoneTaken, false);

        Assert.True(check.IsValid);
        Assert.Null(Assert.Single(check.Users).Department);
    }

    [Fact]
    public void AnUnknownOrTwiceNamedHeader_AndAMissingRequiredOne_AreNamed()
    {
        var header = UserImportHeader.Read(["User Name", "Name", "First Name", "first name"]);

        Assert.Equal(
            [
                "Line 1: 'Name' is not a column of the template; use the headers of the downloaded template.",
                "Line 1: The column 'First Name' appears twice in the header line.",
                "Line 1: The header line has no 'Display Name' column; every user needs one.",
            ], header.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void AHeaderWithoutUsers_IsRefused()
    {
        Assert.Equal("Line 1: The file has a header line but no users.", OnlyProblem(Check([])));
    }

    [Fact]
    public void TooManyUsers_IsRefused()
    {
        var lines = Enumerable.Range(2, UserImportRules.MaxUsers + 1).Select(n => Anna(n, $"u{n}@contoso.com")).ToList();

        Assert.Equal("Line 1: The file has 100,001 users; one file can add at most 100,000.", OnlyProblem(Check(lines)));
    }

    [Fact]
    public void ProductsAndPlans_AreFoundByPartNumberOrName_AndUnknownOnesAreNamed()
    {
        var exchange = new ServicePlanInfo(Guid.NewGuid(), "EXCHANGE_S_ENTERPRISE", "Exchange Online (Plan 2)", ServiceFamily.Exchange);
        var teams = new ServicePlanInfo(Guid.NewGuid(), "TEAMS1", "Microsoft Teams", ServiceFamily.Other);
        var e3 = new ProductInfo(Guid.NewGuid(), "ENTERPRISEPACK", "Office 365 E3", [exchange, teams]);
        var catalog = new LicensingCatalog([e3]);

        var license = Assert.Single(UserImportRules.ResolveProducts(catalog, ["enterprisepack"], ["Microsoft Teams"]));
        Assert.Equal((e3.Id, teams.Id), (license.ProductId, Assert.Single(license.DisabledPlanIds)));
        Assert.Equal(e3.Id, Assert.Single(UserImportRules.ResolveProducts(catalog, ["Office 365 E3"], [])).ProductId);

        Assert.Equal("'E9' is not a product of the catalog; use its part number (e.g. ENTERPRISEPACK) or its name.",
            Assert.Throws<DomainException>(() => UserImportRules.ResolveProducts(catalog, ["E9"], [])).Message);
        Assert.Equal("'YAMMER' is not a service plan of the chosen products.",
            Assert.Throws<DomainException>(() => UserImportRules.ResolveProducts(catalog, ["ENTERPRISEPACK"], ["YAMMER"])).Message);
    }
}
