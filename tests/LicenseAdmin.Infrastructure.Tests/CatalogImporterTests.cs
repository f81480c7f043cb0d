using System.Text;
using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Infrastructure.Csv;
using LicenseAdmin.Infrastructure.Services.Catalog;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests;

public sealed class CatalogImporterTests : IAsyncLifetime
{
    private const string Header = "Product_Display_Name,String_Id,GUID,Service_Plan_Name,Service_Plan_Id,Service_Plans_Included_Friendly_Names";
    private TestDatabase _database = null!;
    private readonly List<string> _files = [];

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(withDemoData: false);

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        _files.ForEach(File.Delete);
    }

    private CatalogImporter Importer => _database.Services.GetRequiredService<CatalogImporter>();

    private string WriteFile(string content, bool withByteOrderMark = false)
    {
        var path = Path.Combine(Path.GetTempPath(), $"catalog-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, content, new UTF8Encoding(withByteOrderMark));
        _files.Add(path);
        return path;
    }

    private async Task<(int Products, int Plans, int Links)> CountsAsync()
    {
        await using var db = await _database.Contexts.ForSystemAsync(CancellationToken.None);
        return (await db.Products.CountAsync(), await db.ServicePlans.CountAsync(), await db.ProductServicePlans.CountAsync());
    }

    [Fact]
    public async Task ShippedCatalog_IsSeededWithItsProductsPlansAndRules()
    {
        await using var db = await _database.Contexts.ForSystemAsync(CancellationToken.None);
        var e3 = await db.Products.Include(p => p.Plans).SingleAsync(p => p.PartNumber == "ENTERPRISEPACK");
        Assert.Equal(Guid.Parse("6fd2c87f-b296-42f0-b197-1e91e994b900"), e3.Id);
        Assert.Equal("Office 365 E3", e3.DisplayName);
        var exchange = await db.ServicePlans.SingleAsync(p => p.Name == "EXCHANGE_S_ENTERPRISE");
        Assert.Contains(e3.Plans, link => link.ServicePlanId == exchange.Id);
        Assert.Equal(ServiceFamily.Exchange, exchange.Family);
        Assert.Equal(25, await db.Products.CountAsync());
        Assert.Equal(97, await db.ExclusivePlanPairs.CountAsync());
        Assert.Equal(3, await db.PlanDependencies.CountAsync());
    }

    [Fact]
    public async Task Import_OfficialFormatWithByteOrderMarkAndQuotedCommas_AddsTheProduct()
    {
        var path = WriteFile(Header + "\n" +
            "\"Contoso Suite, Plan 9\",CONTOSO_P9,11111111-2222-3333-4444-555555555555,EXCHANGE_S_ENTERPRISE,efb87545-963c-4e0d-99df-69c6916d9eb0,\"Exchange Online (Plan 2)\"\n" +
            "\"Contoso Suite, Plan 9\",CONTOSO_P9,11111111-2222-3333-4444-555555555555,CONTOSO_NEW_PLAN,99999999-2222-3333-4444-555555555555,New plan\n",
            withByteOrderMark: true);

        var result = await Importer.ImportFileAsync(path, CancellationToken.None);

        Assert.Equal((1, 0, 1), (result.ProductsAdded, result.ProductsUpdated, result.PlansAdded));
        await using var db = await _database.Contexts.ForSystemAsync(CancellationToken.None);
        var product = await db.Products.Include(p => p.Plans).SingleAsync(p => p.PartNumber == "CONTOSO_P9");
        Assert.Equal("Contoso Suite, Plan 9", product.DisplayName);
        Assert.Equal(2, product.Plans.Count);
    }

    [Fact]
    public async Task ShippedCatalog_KeepsTheReadableSpellingOfAPlanNamedInCapitalsByAnotherProduct()
    {
        await using var db = await _database.Contexts.ForSystemAsync(CancellationToken.None);

        var skype = await db.ServicePlans.SingleAsync(p => p.Name == "MCOSTANDARD");

        Assert.Equal("Skype for Business Online (Plan 2)", skype.FriendlyName);
    }

    [Fact]
    public async Task Import_SameFileTwice_ChangesNothingTheSecondTime()
    {
        var path = WriteFile(Header + "\nSuite,SUITE,11111111-2222-3333-4444-555555555555,PLAN_X,99999999-2222-3333-4444-555555555555,Plan X\n");
        await Importer.ImportFileAsync(path, CancellationToken.None);
        var before = await CountsAsync();

        var second = await Importer.ImportFileAsync(path, CancellationToken.None);

        Assert.Equal((0, 0, 0), (second.ProductsAdded, second.ProductsUpdated, second.PlansAdded));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Import_MalformedRows_NamesEachLineAndImportsNothing()
    {
        var before = await CountsAsync();
        var path = WriteFile(Header + "\n" +
            "Good,GOOD,11111111-2222-3333-4444-555555555555,PLAN_X,99999999-2222-3333-4444-555555555555,Plan X\n" +
            "Bad guid,BAD,not-a-guid,PLAN_Y,99999999-2222-3333-4444-555555555556,Plan Y\n" +
            "No part number,,11111111-2222-3333-4444-555555555557,PLAN_Z,99999999-2222-3333-4444-555555555557,Plan Z\n" +
            "Too short,SHORT\n");

        var error = await Assert.ThrowsAsync<CatalogImportException>(() => Importer.ImportFileAsync(path, CancellationToken.None));

        Assert.Contains("has 3 problems; nothing was imported", error.Message);
        Assert.Contains("line 3: 'not-a-guid' in column GUID is not a GUID.", error.Message);
        Assert.Contains("line 4: column String_Id is empty.", error.Message);
        Assert.Contains("line 5: expected 6 columns, found 2.", error.Message);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Import_UnknownHeader_SaysWhichHeadersAreExpected()
    {
        var path = WriteFile("Name,Id\nx,y\n");

        var error = await Assert.ThrowsAsync<CatalogImportException>(() => Importer.ImportFileAsync(path, CancellationToken.None));

        Assert.Contains("line 1: the header (Name,Id) is not a catalog header.", error.Message);
        Assert.Contains("Product_Display_Name,String_Id,GUID", error.Message);
    }

    [Fact]
    public async Task Import_MissingFile_SaysTheFileDoesNotExist()
    {
        var error = await Assert.ThrowsAsync<CatalogImportException>(() => Importer.ImportFileAsync("/no/such/catalog.csv", CancellationToken.None));
        Assert.Contains("the file does not exist.", error.Message);
    }

    [Fact]
    public async Task Import_RuleFileWithPlanExcludingItself_IsRefused()
    {
        var path = WriteFile("Service_Plan_Name_A,Service_Plan_Id_A,Service_Plan_Name_B,Service_Plan_Id_B,Source\n" +
            "A,99999999-2222-3333-4444-555555555555,A,99999999-2222-3333-4444-555555555555,test\n");

        var error = await Assert.ThrowsAsync<CatalogImportException>(() => Importer.ImportFileAsync(path, CancellationToken.None));

        Assert.Contains("line 2: a service plan cannot exclude itself (A).", error.Message);
    }
}
