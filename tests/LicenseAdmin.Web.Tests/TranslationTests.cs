using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace LicenseAdmin.Web.Tests;

/// <summary>Every string the UI looks up with L["..."] has a Danish translation.</summary>
public sealed partial class TranslationTests
{
    private static string WebProject()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LicenseAdmin.sln")))
            directory = directory.Parent;
        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("The repository root was not found."), "src", "LicenseAdmin.Web");
    }

    [Fact]
    public void EveryLocalizedString_HasADanishTranslation()
    {
        var web = WebProject();
        var used = Directory.EnumerateFiles(Path.Combine(web, "Components"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor") || f.EndsWith(".cs"))
            .SelectMany(f => LookUp().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value.Replace("\\\"", "\"")))
            .ToHashSet();
        var danish = XDocument.Load(Path.Combine(web, "Resources", "Localization", "Strings.da.resx"))
            .Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

        Assert.True(used.Count > 150, $"Only {used.Count} localized strings were found; the scan is broken.");
        Assert.Empty(used.Where(key => !danish.ContainsKey(key)).Order());
        Assert.Empty(danish.Where(pair => string.IsNullOrWhiteSpace(pair.Value)).Select(pair => pair.Key));
    }

    [GeneratedRegex("""[Ll]\["((?:[^"\\]|\\.)*)"[\],]""")]
    private static partial Regex LookUp();
}
