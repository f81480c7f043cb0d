using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace LicenseAdmin.Infrastructure.Csv;

/// <summary>
/// Reads the product catalog CSVs: Microsoft's official "Product names and service plan identifiers for
/// licensing" file (so the full official download imports as it is) and the project's two rule files.
/// Every bad row is reported with its line number; a file with any problem yields nothing.
/// </summary>
public static class CatalogCsvReader
{
    private static readonly string[] ProductColumns =
        ["Product_Display_Name", "String_Id", "GUID", "Service_Plan_Name", "Service_Plan_Id", "Service_Plans_Included_Friendly_Names"];
    private static readonly string[] ExclusiveColumns =
        ["Service_Plan_Name_A", "Service_Plan_Id_A", "Service_Plan_Name_B", "Service_Plan_Id_B"];
    private static readonly string[] DependencyColumns =
        ["Service_Plan_Name", "Service_Plan_Id", "Requires_Service_Plan_Name", "Requires_Service_Plan_Id"];

    public static CatalogFile Read(TextReader text, string sourceName)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            DetectColumnCountChanges = false,
            BadDataFound = null,
            MissingFieldFound = null,
        };
        using var csv = new CsvReader(text, config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header)
            throw new CatalogImportException(sourceName, ["line 1: the file is empty; expected a header row."]);

        var kind = KindOf(header, sourceName);
        var required = kind switch
        {
            CatalogFileKind.Products => ProductColumns,
            CatalogFileKind.ExclusivePlans => ExclusiveColumns,
            _ => DependencyColumns,
        };
        var problems = new List<string>();
        var products = new List<ProductPlanRow>();
        var exclusive = new List<ExclusivePlanRow>();
        var dependencies = new List<PlanDependencyRow>();

        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            var row = new RowReader(csv, line, problems);
            if (row.IsBlank) continue;
            if (csv.Parser.Count < required.Length)
            {
                problems.Add($"line {line}: expected {required.Length} columns, found {csv.Parser.Count}.");
                continue;
            }
            switch (kind)
            {
                case CatalogFileKind.Products:
                    var product = new ProductPlanRow(line, row.Text("Product_Display_Name"), row.Text("String_Id"), row.Id("GUID"),
                        row.Text("Service_Plan_Name"), row.Id("Service_Plan_Id"), row.Optional("Service_Plans_Included_Friendly_Names"));
                    if (row.IsValid) products.Add(product);
                    break;
                case CatalogFileKind.ExclusivePlans:
                    var pair = new ExclusivePlanRow(line, row.Text("Service_Plan_Name_A"), row.Id("Service_Plan_Id_A"),
                        row.Text("Service_Plan_Name_B"), row.Id("Service_Plan_Id_B"), row.Optional("Source"));
                    if (row.IsValid && pair.PlanAId == pair.PlanBId)
                        problems.Add($"line {line}: a service plan cannot exclude itself ({pair.PlanAName}).");
                    else if (row.IsValid) exclusive.Add(pair);
                    break;
                default:
                    var dependency = new PlanDependencyRow(line, row.Text("Service_Plan_Name"), row.Id("Service_Plan_Id"),
                        row.Text("Requires_Service_Plan_Name"), row.Id("Requires_Service_Plan_Id"), row.Optional("Source"));
                    if (row.IsValid && dependency.PlanId == dependency.RequiredPlanId)
                        problems.Add($"line {line}: a service plan cannot require itself ({dependency.PlanName}).");
                    else if (row.IsValid) dependencies.Add(dependency);
                    break;
            }
        }

        if (problems.Count > 0) throw new CatalogImportException(sourceName, problems);
        if (products.Count + exclusive.Count + dependencies.Count == 0)
            throw new CatalogImportException(sourceName, ["the file has a header but no rows."]);
        return new CatalogFile(sourceName, kind, products, exclusive, dependencies);
    }

    private static CatalogFileKind KindOf(string[] header, string sourceName)
    {
        bool Has(IEnumerable<string> columns) => columns.All(c => header.Contains(c, StringComparer.OrdinalIgnoreCase));
        if (Has(ProductColumns)) return CatalogFileKind.Products;
        if (Has(ExclusiveColumns)) return CatalogFileKind.ExclusivePlans;
        if (Has(DependencyColumns)) return CatalogFileKind.PlanDependencies;
        throw new CatalogImportException(sourceName,
        [
            $"line 1: the header ({string.Join(",", header)}) is not a catalog header. Expected Microsoft's product file " +
            $"({string.Join(",", ProductColumns)}), exclusive plans ({string.Join(",", ExclusiveColumns)},Source) " +
            $"or plan dependencies ({string.Join(",", DependencyColumns)},Source).",
        ]);
    }

    /// <summary>Reads named fields of one row and collects what is wrong with them.</summary>
    private sealed class RowReader(CsvReader csv, int line, List<string> problems)
    {
        private readonly int _problemsBefore = problems.Count;

        public bool IsBlank => csv.Parser.Record is null || csv.Parser.Record.All(string.IsNullOrWhiteSpace);
        public bool IsValid => problems.Count == _problemsBefore;

        public string Text(string column)
        {
            var value = csv.GetField(column);
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add($"line {line}: column {column} is empty.");
                return string.Empty;
            }
            return value.Trim();
        }

        public string Optional(string column) =>
            csv.HeaderRecord!.Contains(column, StringComparer.OrdinalIgnoreCase) ? csv.GetField(column)?.Trim() ?? string.Empty : string.Empty;

        public Guid Id(string column)
        {
            var value = Text(column);
            if (value.Length == 0) return Guid.Empty;
            if (Guid.TryParse(value, out var id) && id != Guid.Empty) return id;
            problems.Add($"line {line}: '{value}' in column {column} is not a GUID.");
            return Guid.Empty;
        }
    }
}
