using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace LicenseAdmin.Web.Tests;

/// <summary>Every string the UI shows has a Danish translation: its own (L["..."]), the domain's messages and MudBlazor's texts.</summary>
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
        // The components, and the translators in Localization (Identity's error sentences).
        var used = new[] { "Components", "Localization" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(web, folder), "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".razor") || f.EndsWith(".cs"))
            .SelectMany(f => LookUp().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value.Replace("\\\"", "\"")))
            .ToHashSet();
        var danish = Resource("Strings.da.resx");

        Assert.True(used.Count > 150, $"Only {used.Count} localized strings were found; the scan is broken.");
        Assert.Empty(used.Where(key => !danish.ContainsKey(key)).Order());
        Assert.Empty(danish.Where(pair => string.IsNullOrWhiteSpace(pair.Value)).Select(pair => pair.Key));
    }

    /// <summary>
    /// Every sentence the domain and the services make (new DomainMessage(code, template, …), new DomainException(code,
    /// text), or the Refuse/Say/Broken helpers that wrap them) has Danish with exactly the same {holes}.
    /// </summary>
    [Fact]
    public void EveryDomainMessage_HasADanishTranslation_WithTheSameValues()
    {
        var source = Path.Combine(WebProject(), "..");
        var templates = new[] { "LicenseAdmin.Domain", "LicenseAdmin.Infrastructure" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(source, project), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .SelectMany(f => MessageTemplate().Matches(File.ReadAllText(f)).Select(m => m.Groups["template"].Value.Replace("\\\"", "\"")))
            // A template of holes only ("{Plan}") has no words to translate.
            .Where(t => Hole().Replace(t, string.Empty).Any(char.IsLetter))
            .ToHashSet();
        var danish = Resource("DomainMessages.da.resx");

        Assert.True(templates.Count > 80, $"Only {templates.Count} domain messages were found; the scan is broken.");
        Assert.Empty(templates.Where(template => !danish.ContainsKey(template)).Order());
        Assert.Empty(danish.Where(pair => !Holes(pair.Value).SetEquals(Holes(pair.Key))).Select(pair => pair.Key));
    }

    /// <summary>Every Danish MudBlazor text is for a key MudBlazor has, with the same {0} arguments as its English.</summary>
    [Fact]
    public void EveryMudBlazorTranslation_IsForAKeyMudBlazorHas_WithTheSameArguments()
    {
        var english = new ResourceManager("MudBlazor.Resources.LanguageResource", typeof(MudBlazor.MudDataGrid<>).Assembly);
        var danish = Resource("MudTexts.da.resx");

        Assert.Contains("MudDataGridPager_RowsPerPage", danish.Keys);
        Assert.DoesNotContain(danish.Keys, key => english.GetString(key, CultureInfo.InvariantCulture) is null);
        Assert.Empty(danish.Where(pair => !Holes(pair.Value).SetEquals(Holes(english.GetString(pair.Key, CultureInfo.InvariantCulture)!))).Select(pair => pair.Key));
    }

    private static Dictionary<string, string> Resource(string fileName) =>
        XDocument.Load(Path.Combine(WebProject(), "Resources", "Localization", fileName))
            .Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    private static HashSet<string> Holes(string text) => Hole().Matches(text).Select(m => m.Value).ToHashSet();

    [GeneratedRegex("""[Ll]\["((?:[^"\\]|\\.)*)"[\],]""")]
    private static partial Regex LookUp();

    [GeneratedRegex("""\b(?:DomainMessage|DomainException|Refuse|Say|Broken)\(\s*(?:"\w+"|[\w.]+)\s*,\s*"(?<template>(?:[^"\\]|\\.)*)"[,)]""")]
    private static partial Regex MessageTemplate();

    [GeneratedRegex(@"\{[A-Za-z0-9]+(?::[^{}]+)?\}")]
    private static partial Regex Hole();
}
