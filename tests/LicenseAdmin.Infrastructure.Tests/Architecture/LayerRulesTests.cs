using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using LicenseAdmin.Domain;

namespace LicenseAdmin.Infrastructure.Tests.Architecture;

/// <summary>
/// Who may use what: the Web goes through the services (never the database context or the domain's state-changing
/// methods, which would skip the caller check, the transaction and the audit entry), and the Domain depends on
/// nothing but the base class library.
/// </summary>
public sealed partial class LayerRulesTests
{
    private const string WebProject = "LicenseAdmin.Web";

    /// <summary>Web files that may name the database context, and why.</summary>
    private static readonly Dictionary<string, string> CompositionRoot = new()
    {
        ["src/LicenseAdmin.Web/PortalHost.cs"] = "registers the database health check; it reads nothing itself",
    };

    [Fact]
    public void Web_NeverTouchesTheDatabaseContext()
    {
        var uses = WebSource()
            .Where(f => !CompositionRoot.ContainsKey(f.Path))
            .SelectMany(f => Lines(f, DatabaseAccess()))
            .ToList();

        Assert.True(uses.Count == 0, "The Web must call a service instead of the database:\n" + string.Join("\n", uses));
    }

    [Fact]
    public void Web_NeverCallsTheDomainsStateChangingMethods()
    {
        var mutators = DomainMutators();
        Assert.Superset(new HashSet<string> { "AddUnits", "MarkDeleted", "SetRoles", "MarkUndone" }, mutators);
        var call = new Regex($@"\.(?:{string.Join("|", mutators.Select(Regex.Escape))})\(");

        var uses = WebSource().SelectMany(f => Lines(f, call)).ToList();

        Assert.True(uses.Count == 0, "The Web must ask a service to change domain objects:\n" + string.Join("\n", uses));
    }

    [Fact]
    public void Domain_ReferencesNothingButTheBaseClassLibrary()
    {
        var assemblies = typeof(DomainException).Assembly.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(name => !(name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib"))
            .ToList();
        var project = XDocument.Load(Path.Combine(SourceTree.Project("LicenseAdmin.Domain"), "LicenseAdmin.Domain.csproj"));
        var references = project.Descendants()
            .Where(e => e.Name.LocalName is "PackageReference" or "ProjectReference" or "Reference" or "FrameworkReference")
            .Select(e => $"{e.Name.LocalName} {e.Attribute("Include")?.Value}")
            .ToList();

        Assert.True(assemblies.Count == 0, "The Domain references " + string.Join(", ", assemblies));
        Assert.True(references.Count == 0, "LicenseAdmin.Domain.csproj has " + string.Join(", ", references));
    }

    /// <summary>Public instance methods of domain classes that return nothing: they change the object they are called on.</summary>
    private static HashSet<string> DomainMutators() =>
        typeof(DomainException).Assembly.GetExportedTypes()
            .Where(t => t.IsClass && !typeof(Exception).IsAssignableFrom(t))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => !m.IsSpecialName && m.ReturnType == typeof(void) && m.Name != "Deconstruct")
            .Select(m => m.Name)
            .ToHashSet();

    private static IEnumerable<(string Path, string[] Lines)> WebSource() =>
        SourceTree.Files(WebProject, ".cs", ".razor").Select(f => (SourceTree.Relative(f), File.ReadAllLines(f)));

    private static IEnumerable<string> Lines((string Path, string[] Lines) file, Regex pattern) =>
        file.Lines.Select((line, index) => (line, index))
            .Where(l => pattern.IsMatch(l.line))
            .Select(l => $"{file.Path}:{l.index + 1}: {l.line.Trim()}");

    [GeneratedRegex(@"\b(?:AppDbContext|TenantDbContextFactory)\b")]
    private static partial Regex DatabaseAccess();
}
