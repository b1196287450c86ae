namespace ChatSphere.Core.Languages;

/// <summary>
/// The PostgreSQL text search configuration for each language: the snowball stemmers PostgreSQL 15 ships, by ISO 639-1
/// code, and <see cref="Neutral"/> (no stemming, no stop words) for every other language and for unknown text. The
/// generated search vector of a chunk (<see cref="CaseSql"/>) and the query side both read this one map.
/// </summary>
public static class SearchConfigurations
{
    public const string Neutral = "simple";

    public static readonly IReadOnlyDictionary<string, string> ByLanguage = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["ar"] = "arabic",
        ["ca"] = "catalan",
        ["da"] = "danish",
        ["de"] = "german",
        ["el"] = "greek",
        ["en"] = "english",
        ["es"] = "spanish",
        ["eu"] = "basque",
        ["fi"] = "finnish",
        ["fr"] = "french",
        ["ga"] = "irish",
        ["hi"] = "hindi",
        ["hu"] = "hungarian",
        ["hy"] = "armenian",
        ["id"] = "indonesian",
        ["it"] = "italian",
        ["lt"] = "lithuanian",
        ["nb"] = "norwegian",
        ["ne"] = "nepali",
        ["nl"] = "dutch",
        ["nn"] = "norwegian",
        ["pt"] = "portuguese",
        ["ro"] = "romanian",
        ["ru"] = "russian",
        ["sr"] = "serbian",
        ["sv"] = "swedish",
        ["ta"] = "tamil",
        ["tr"] = "turkish",
        ["yi"] = "yiddish",
    };

    /// <summary>The configuration for a language code; <see cref="Neutral"/> for null, empty or any language without one.</summary>
    public static string For(string? language) =>
        language is not null && ByLanguage.TryGetValue(language, out var config) ? config : Neutral;

    /// <summary>
    /// The configuration as an immutable SQL expression over a language column, for a generated column:
    /// <c>CASE "Language" WHEN 'de' THEN 'german'::regconfig ... ELSE 'simple'::regconfig END</c>.
    /// </summary>
    public static string CaseSql(string column) =>
        $"CASE {column} {string.Concat(ByLanguage.Select(l => $"WHEN '{l.Key}' THEN '{l.Value}'::regconfig "))}ELSE '{Neutral}'::regconfig END";
}
