using System.Collections.Concurrent;
using Lingua;

namespace ChatSphere.Core.Languages;

/// <summary>
/// Language detection with Lingua, one detector per process, built on first use. Low accuracy mode: only the trigram
/// models load (about 170 MB of the process once every script has been seen, against about 2 GB for the full models),
/// and on text longer than ~120 characters it is as accurate, which a document sample always is. Queries are short, so
/// they are only placed among the few languages of a bot's documents (<see cref="DetectAmong"/>).
/// </summary>
public sealed class LanguageDetection
{
    /// <summary>Characters read from a document: three slices (start, middle, end), so a long preface does not decide.</summary>
    public const int SampleLength = 3000;

    /// <summary>Below this confidence a text's language is left unknown (neutral analysis) rather than guessed.</summary>
    public const double MinimumConfidence = 0.5;

    private readonly Lazy<LanguageDetector> _all = new(() => LanguageDetectorBuilder.FromAllLanguages().WithLowAccuracyMode().Build());
    private readonly ConcurrentDictionary<string, LanguageDetector> _among = new(StringComparer.Ordinal);

    /// <summary>The ISO 639-1 code of <paramref name="text"/>'s language, or "" when it cannot be told.</summary>
    public string Detect(string text) => Best(_all.Value, Sample(text));

    /// <summary>The language of a document from its chunks: up to seven spread over it, so no one part decides.</summary>
    public string DetectAcross(IReadOnlyList<string> chunks)
    {
        var step = Math.Max(1, chunks.Count / 6);
        return Detect(string.Join('\n', chunks.Where((_, i) => i % step == 0).Take(7)));
    }

    /// <summary>
    /// Which of <paramref name="codes"/> a short text is in: the only one when there is one, else the detector's choice
    /// among them, or null when it cannot tell (or knows none of them).
    /// </summary>
    public string? DetectAmong(string text, IReadOnlyCollection<string> codes)
    {
        var known = codes.Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (known.Count <= 1)
        {
            return known.FirstOrDefault();
        }

        var languages = LanguageInfo.All().Where(l => known.Contains(KnownLanguages.Code(l))).ToArray();
        if (languages.Length < 2)
        {
            return null;
        }

        // Detectors share their models, so one per set of languages costs only its own small state.
        if (_among.Count > 1000)
        {
            _among.Clear();
        }

        var detector = _among.GetOrAdd(string.Join(',', known),
            _ => LanguageDetectorBuilder.FromLanguages(languages).WithLowAccuracyMode().Build());
        return Best(detector, text.Length > SampleLength ? text[..SampleLength] : text) is { Length: > 0 } code ? code : null;
    }

    private static string Best(LanguageDetector detector, string text)
    {
        var best = detector.ComputeLanguageConfidenceValues(text).FirstOrDefault();
        return best.Value >= MinimumConfidence ? KnownLanguages.Code(best.Key) : "";
    }

    /// <summary>Up to <see cref="SampleLength"/> characters: all of a short text, else slices from its start, middle and end.</summary>
    internal static string Sample(string text)
    {
        if (text.Length <= SampleLength)
        {
            return text;
        }

        var slice = SampleLength / 3;
        return string.Join('\n', text[..slice], text.Substring((text.Length - slice) / 2, slice), text[^slice..]);
    }
}
