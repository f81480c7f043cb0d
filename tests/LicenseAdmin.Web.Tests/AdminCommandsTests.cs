using LicenseAdmin.Web.CommandLine;
using LicenseAdmin.Web.Tests.Support;

namespace LicenseAdmin.Web.Tests;

public sealed class AdminCommandsTests : IDisposable
{
    private readonly PortalFactory _portal = new();
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"catalog-{Guid.NewGuid():N}.csv");

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await AdminCommands.RunAsync(_portal.Services, args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task CatalogImport_OfAGoodFile_ReportsWhatWasAdded()
    {
        await File.WriteAllTextAsync(_file,
            "Product_Display_Name,String_Id,GUID,Service_Plan_Name,Service_Plan_Id,Service_Plans_Included_Friendly_Names\n" +
            "Contoso Suite,CONTOSO_SUITE,11111111-2222-3333-4444-555555555555,EXCHANGE_S_ENTERPRISE,efb87545-963c-4e0d-99df-69c6916d9eb0,Exchange Online (Plan 2)\n");

        var (exit, output, _) = await RunAsync("catalog", "import", _file);

        Assert.Equal(0, exit);
        Assert.Contains("(Products): 1 products added, 0 renamed, 0 service plans added, 0 rules added.", output);
    }

    [Fact]
    public async Task CatalogImport_OfAMalformedFile_PrintsTheLineAndExitsWithOne()
    {
        await File.WriteAllTextAsync(_file,
            "Product_Display_Name,String_Id,GUID,Service_Plan_Name,Service_Plan_Id,Service_Plans_Included_Friendly_Names\n" +
            "Contoso Suite,CONTOSO_SUITE,zzz,EXCHANGE_S_ENTERPRISE,efb87545-963c-4e0d-99df-69c6916d9eb0,Exchange Online (Plan 2)\n");

        var (exit, _, error) = await RunAsync("catalog", "import", _file);

        Assert.Equal(1, exit);
        Assert.Contains("has 1 problem; nothing was imported.", error);
        Assert.Contains("line 2: 'zzz' in column GUID is not a GUID.", error);
    }

    [Fact]
    public async Task UnknownCommand_IsNamedWithTheUsage()
    {
        var (exit, _, error) = await RunAsync("catalog", "export");

        Assert.Equal(2, exit);
        Assert.Contains("Unknown command 'catalog export'.", error);
        Assert.Contains("catalog import <file.csv>", error);
    }

    public void Dispose()
    {
        _portal.Dispose();
        if (File.Exists(_file)) File.Delete(_file);
    }
}
