using System.Globalization;
using Lingua;

namespace ChatSphere.Core.Languages;

/// <summary>
/// The languages a document may be in: every language the detector knows, and every language PostgreSQL has a stemmer
/// for (<see cref="SearchConfigurations"/>), by ISO 639-1 code with an English name. An owner's choice must be one of these.
/// </summary>
public static class KnownLanguages
{
    /// <summary>Code to English name, ordered by name.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> All = LanguageInfo.All()
        .Select(Code)
        .Concat(SearchConfigurations.ByLanguage.Keys)
        .Distinct(StringComparer.Ordinal)
        .Select(code => (code, NameOf(code)))
        .OrderBy(l => l.Item2, StringComparer.Ordinal)
        .ToList();

    private static readonly HashSet<string> Codes = All.Select(l => l.Code).ToHashSet(StringComparer.Ordinal);

    public static bool IsKnown(string code) => Codes.Contains(code);

    /// <summary>The error for a code that is none of these, naming the allowed ones.</summary>
    public static string Unknown(string code) =>
        $"'{code}' is not a language code ChatSphere knows. Use \"\" to detect it, or one of: {string.Join(", ", All.Select(l => l.Code).Order(StringComparer.Ordinal))}.";

    /// <summary>The ISO 639-1 code of a detector's language, as stored ("de").</summary>
    public static string Code(Language language) => LanguageInfo.IsoCode6391(language).ToString().ToLowerInvariant();

    /// <summary>"German" for "de"; the code itself when .NET has no name for it.</summary>
    public static string NameOf(string code)
    {
        try
        {
            var name = CultureInfo.GetCultureInfo(code).EnglishName;
            return name.StartsWith("Unknown", StringComparison.Ordinal) ? code : name;
        }
        catch (CultureNotFoundException)
        {
            return code;
        }
    }
}
