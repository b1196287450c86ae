using System.Collections.Concurrent;
using System.Diagnostics;
using ChatSphere.Core.Data;
using Npgsql;

namespace ChatSphere.Core.Languages;

/// <summary>
/// The languages of each bot's chunks, remembered for a few seconds: a query is analysed in each of them
/// (<see cref="SearchConfigurations"/>). They change only when a document's chunks are saved, which forgets the bot's
/// entry in this process (<see cref="Forget"/>); another process sees the change within <see cref="Lifetime"/>.
/// </summary>
public sealed class BotLanguages(NpgsqlDataSource dataSource)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<Guid, (IReadOnlyList<string> Codes, long At)> _languages = new();

    /// <summary>The ISO 639-1 codes of the bot's chunks, "" standing for chunks of no known language.</summary>
    public async Task<IReadOnlyList<string>> GetAsync(Guid botId, CancellationToken cancellationToken)
    {
        if (_languages.TryGetValue(botId, out var known) && Stopwatch.GetElapsedTime(known.At) < Lifetime)
        {
            return known.Codes;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var codes = (await ChunkSql.LanguagesAsync(connection, botId, cancellationToken)).Select(c => c ?? "").Distinct().Order(StringComparer.Ordinal).ToList();
        if (_languages.Count > 10_000)
        {
            _languages.Clear(); // Bots searched long ago; cheaper than tracking ages.
        }

        _languages[botId] = (codes, Stopwatch.GetTimestamp());
        return codes;
    }

    public void Forget(Guid botId) => _languages.TryRemove(botId, out _);

    /// <summary>The text search configurations a query is analysed in: each language's, and the neutral one for the rest.</summary>
    public static IReadOnlyList<string> ConfigurationsFor(IReadOnlyList<string> codes) =>
        codes.Count == 0 ? [SearchConfigurations.Neutral] : codes.Select(SearchConfigurations.For).Distinct().ToList();
}
