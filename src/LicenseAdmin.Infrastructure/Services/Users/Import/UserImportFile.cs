using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Users.Import;

namespace LicenseAdmin.Infrastructure.Services.Users.Import;

/// <summary>
/// Reads the "Add multiple users" CSV file with the project's CSV library: UTF-8 with or without a byte order mark,
/// fields separated by "," or ";" (whichever the header line uses), quoted fields as spreadsheets write them.
/// A file that is too large, empty, binary or not UTF-8 is refused with one sentence.
/// </summary>
public static class UserImportFile
{
    /// <summary>The template: Microsoft's headers plus Usage Location, and one example line.</summary>
    public static string Template()
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(",", UserImportColumn.All.Select(c => c.Header)));
        text.AppendLine("anna.berg@contoso.com,Anna,Berg,Anna Berg,Buyer,Sales,B12,+45 33 12 34 56,+45 20 12 34 56,,anna@example.com,Vesterbrogade 1,København,,1620,Denmark,DK");
        return text.ToString();
    }

    public static async Task<(UserImportHeader Header, IReadOnlyList<UserImportLine> Lines)> ReadAsync(Stream file, CancellationToken cancellationToken)
    {
        var bytes = await ReadBoundedAsync(file, cancellationToken);
        if (bytes.Length == 0 || bytes.All(b => b is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t'))
            throw new UserImportRefusedException([UserImportRules.EmptyFile()]);
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new UserImportRefusedException([UserImportRules.NotText()]);
        }

        // A control character other than tab and line ends (a NUL, say) means a binary file such as a workbook.
        if (text.Any(c => char.IsControl(c) && c is not ('\t' or '\r' or '\n')))
            throw new UserImportRefusedException([UserImportRules.NotText()]);
        text = text.TrimStart('\uFEFF');

        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = Delimiter(text),
            HasHeaderRecord = false,
            BadDataFound = null,
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
            IgnoreBlankLines = true,
            TrimOptions = TrimOptions.None,
        };
        using var csv = new CsvParser(new StringReader(text), configuration);
        UserImportHeader? header = null;
        var lines = new List<UserImportLine>();
        while (csv.Read())
        {
            var cells = csv.Record ?? [];
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            if (header is null) header = UserImportHeader.Read(cells);
            else lines.Add(new UserImportLine(csv.RawRow, cells));
        }

        return (header ?? throw new UserImportRefusedException([UserImportRules.EmptyFile()]), lines);
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream file, CancellationToken cancellationToken)
    {
        if (file.CanSeek && file.Length - file.Position > UserImportRules.MaxFileBytes)
            throw new UserImportRefusedException([UserImportRules.FileTooLarge(file.Length - file.Position)]);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await file.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > UserImportRules.MaxFileBytes)
                throw new UserImportRefusedException([UserImportRules.FileTooLarge(buffer.Length)]);
        }

        return buffer.ToArray();
    }

    /// <summary>";" when the header line has more semicolons than commas (a spreadsheet saved with a comma decimal separator), else ",".</summary>
    private static string Delimiter(string text)
    {
        var end = text.IndexOf('\n');
        var first = end < 0 ? text : text[..end];
        return first.Count(c => c == ';') > first.Count(c => c == ',') ? ";" : ",";
    }
}
