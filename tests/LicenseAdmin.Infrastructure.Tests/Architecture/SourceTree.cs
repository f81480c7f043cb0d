using System.Text.RegularExpressions;

namespace LicenseAdmin.Infrastructure.Tests.Architecture;

/// <summary>The repository's source files, for the tests that read code rather than run it.</summary>
internal static partial class SourceTree
{
    public static string Root { get; } = FindRoot();

    public static string Project(string name) => Path.Combine(Root, "src", name);

    /// <summary>The project's own source files (not bin/ or obj/) with these extensions.</summary>
    public static IEnumerable<string> Files(string project, params string[] extensions) =>
        Directory.EnumerateFiles(Project(project), "*.*", SearchOption.AllDirectories)
            .Where(f => extensions.Contains(Path.GetExtension(f)))
            .Where(f => !Segments(f).Any(s => s is "bin" or "obj"));

    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    /// <summary>
    /// Every member of the classes named <paramref name="typeName"/> (partial classes included), as the text from
    /// its declaration to the next member's. Relies on the repository's layout: file-scoped namespaces, members
    /// indented four spaces.
    /// </summary>
    public static IReadOnlyList<Member> MembersOf(string typeName, IEnumerable<string> files)
    {
        var members = new List<Member>();
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var declaration = Regex.Match(text, $@"^(?:public|internal)\b[^\n]*\bclass {Regex.Escape(typeName)}\b", RegexOptions.Multiline);
            if (!declaration.Success) continue;
            // The class ends where the next top-level declaration (or the end of the file) begins.
            var end = TopLevel().Match(text, declaration.Index + declaration.Length) is { Success: true } next ? next.Index : text.Length;
            var body = text[declaration.Index..end];
            var starts = MemberStart().Matches(body).Select(m => m.Index).Append(body.Length).ToList();
            for (var i = 0; i < starts.Count - 1; i++)
            {
                var chunk = body[starts[i]..starts[i + 1]];
                var name = MethodName().Match(chunk.Split('\n')[0]);
                members.Add(new Member(name.Success ? name.Groups["name"].Value : null, chunk, Relative(file)));
            }
        }
        return members;
    }

    private static IEnumerable<string> Segments(string path) => Path.GetRelativePath(Root, path).Split(Path.DirectorySeparatorChar);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LicenseAdmin.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("The repository root was not found.");
    }

    [GeneratedRegex(@"^    (?:public|private|internal|protected)\b", RegexOptions.Multiline)]
    private static partial Regex MemberStart();

    [GeneratedRegex(@"^(?:public|internal|/// <summary>)", RegexOptions.Multiline)]
    private static partial Regex TopLevel();

    // "Task<T> RunAsync<TPrepared, T>(" names RunAsync: the repository writes no space before a call's "(" or "<".
    [GeneratedRegex(@"(?<name>\w+)(?:<(?:[\w.?\[\]]|,\s?)+>)?\(")]
    private static partial Regex MethodName();
}

/// <summary>One member's source text; <see cref="Name"/> is null for fields and properties.</summary>
internal sealed record Member(string? Name, string Text, string File);
