using System.Collections.Concurrent;
using ChatSphere.Agents.Retrieval;
using ChatSphere.Core.Domain;

namespace ChatSphere.Agents.Chat;

/// <summary>
/// The chunks retrieved in this turn, numbered [1], [2]... in the order they were found. Only these can be cited:
/// a marker the model invents, or one from an earlier turn, is dropped.
/// </summary>
public sealed class TurnSources
{
    private readonly ConcurrentDictionary<Guid, int> _markers = new();
    private readonly List<SearchHit> _hits = [];
    private readonly Lock _lock = new();

    public IReadOnlyList<SearchHit> Hits
    {
        get
        {
            lock (_lock)
            {
                return [.. _hits];
            }
        }
    }

    /// <summary>Whether <c>[marker]</c> names a passage retrieved in this turn.</summary>
    public bool Has(int marker)
    {
        lock (_lock)
        {
            return marker >= 1 && marker <= _hits.Count;
        }
    }

    /// <summary>Adds hits not seen yet and returns each hit with its marker.</summary>
    public IReadOnlyList<(int Marker, SearchHit Hit)> Add(IEnumerable<SearchHit> hits)
    {
        lock (_lock)
        {
            var numbered = new List<(int, SearchHit)>();
            foreach (var hit in hits)
            {
                if (!_markers.TryGetValue(hit.ChunkId, out var marker))
                {
                    _hits.Add(hit);
                    marker = _markers[hit.ChunkId] = _hits.Count;
                }

                numbered.Add((marker, hit));
            }

            return numbered;
        }
    }

    /// <summary>Citations for the markers a reply uses, in order of first use; unknown markers are ignored.</summary>
    public IReadOnlyList<Citation> CitationsFor(IEnumerable<int> markers)
    {
        lock (_lock)
        {
            return markers.Distinct()
                .Where(m => m >= 1 && m <= _hits.Count)
                .Select(m => _hits[m - 1])
                .Select(h => new Citation
                {
                    ChunkId = h.ChunkId,
                    DocumentId = h.DocumentId,
                    DocumentName = h.DocumentName,
                    Snippet = h.Text.Length <= 300 ? h.Text : h.Text[..300] + "…",
                })
                .ToList();
        }
    }

    /// <summary>Citations for the <c>[n]</c> markers of <paramref name="reply"/> (as <see cref="MarkerNumbering"/> reads them), in order of first use.</summary>
    public IReadOnlyList<Citation> CitationsIn(string reply) => CitationsFor(MarkerNumbering.Renumber(reply, Has).Cited);

    public static string Format(IEnumerable<(int Marker, SearchHit Hit)> sources) =>
        string.Join("\n\n", sources.Select(s => $"[{s.Marker}] {s.Hit.HeadingPath}{(s.Hit.Page is { } p ? $" (page {p})" : "")}\n{s.Hit.Text}"));
}
