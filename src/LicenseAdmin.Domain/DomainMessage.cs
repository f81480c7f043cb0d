using System.Globalization;
using System.Text.RegularExpressions;

namespace LicenseAdmin.Domain;

/// <summary>
/// A sentence for a person, kept in parts so it can be worded in any language: a stable <see cref="Code"/>, an
/// English <see cref="Template"/> with named holes such as <c>{Product}</c> (or <c>{Max:N0}</c> with a format), and
/// the <see cref="Arguments"/> that fill them. An argument may itself be a message (a product count, a reason, a list
/// of problems), which is worded the same way. <see cref="ToString"/> is the English text the API, CSV files, the
/// audit log and the command line show; the portal finds a translation by the English template.
/// </summary>
public sealed partial class DomainMessage : IEquatable<DomainMessage>
{
    private static readonly IReadOnlyDictionary<string, object?> NoArguments = new Dictionary<string, object?>();
    private string? _english;

    /// <param name="code">What went wrong, for scripts: Microsoft's error code where one exists.</param>
    /// <param name="template">The English sentence with a {Name} hole for each value.</param>
    /// <param name="arguments">
    /// An object whose properties fill the holes, e.g. <c>new { Product = "Office 365 E3" }</c>, or a dictionary of them.
    /// </param>
    public DomainMessage(string code, string template, object? arguments = null)
    {
        Code = code;
        Template = template;
        Arguments = arguments switch
        {
            null => NoArguments,
            IReadOnlyDictionary<string, object?> named => named,
            _ => arguments.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(arguments)),
        };
    }

    public string Code { get; }
    public string Template { get; }
    public IReadOnlyDictionary<string, object?> Arguments { get; }

    /// <summary>The English text, worded once and kept: a large plan may hold many messages nobody reads.</summary>
    public override string ToString() => _english ??= Fill(Template, English);

    /// <summary>
    /// Fills the holes of <paramref name="template"/> (this message's own or a translation of it) with this message's
    /// arguments, each worded by <paramref name="word"/> (the value and the hole's format, if any). A hole without
    /// an argument is left as written, so text that merely contains braces stays intact.
    /// </summary>
    public string Fill(string template, Func<object?, string?, string> word) =>
        Hole().Replace(template, hole => Arguments.TryGetValue(hole.Groups["name"].Value, out var value)
            ? word(value, hole.Groups["format"].Success ? hole.Groups["format"].Value : null)
            : hole.Value);

    /// <summary>How English words a value: nested messages in English, numbers and dates culture-invariant.</summary>
    public static string English(object? value, string? format) => value switch
    {
        null => string.Empty,
        DomainMessage nested => nested.ToString(),
        IFormattable formattable => formattable.ToString(format, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>
    /// Parts worded one after the other, with a separator that reads the same in every language (" ", ", "). The code is
    /// the first part's: several refusals are answered with the first one's code.
    /// </summary>
    public static DomainMessage Join(string separator, IEnumerable<DomainMessage> parts)
    {
        var list = parts.ToList();
        if (list.Count == 1) return list[0];
        var holes = list.Select((_, index) => $"{{Part{index + 1}}}");
        var values = list.Select((part, index) => new KeyValuePair<string, object?>($"Part{index + 1}", part));
        return new DomainMessage(list.FirstOrDefault()?.Code ?? "Join", string.Join(separator, holes), new Dictionary<string, object?>(values));
    }

    public bool Equals(DomainMessage? other) =>
        other is not null && Code == other.Code && Template == other.Template && ToString() == other.ToString();

    public override bool Equals(object? obj) => Equals(obj as DomainMessage);

    public override int GetHashCode() => HashCode.Combine(Code, Template);

    [GeneratedRegex(@"\{(?<name>[A-Za-z][A-Za-z0-9]*)(?::(?<format>[^{}]+))?\}")]
    private static partial Regex Hole();
}
