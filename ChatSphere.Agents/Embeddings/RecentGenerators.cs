using Microsoft.Extensions.AI;

namespace ChatSphere.Agents.Embeddings;

/// <summary>
/// The embedding generators of the most recently used model names, at most <see cref="Capacity"/>: a name used less
/// recently than the others is dropped (and rebuilt if it comes back, which is cheap), so the names bots were ever
/// given cannot grow memory.
/// </summary>
public sealed class RecentGenerators(Func<string, IEmbeddingGenerator<string, Embedding<float>>> create)
{
    public const int Capacity = 32;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<(string Model, IEmbeddingGenerator<string, Embedding<float>> Generator)>> _byModel = new();
    private readonly LinkedList<(string Model, IEmbeddingGenerator<string, Embedding<float>> Generator)> _recent = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byModel.Count;
            }
        }
    }

    public IEmbeddingGenerator<string, Embedding<float>> Get(string model)
    {
        lock (_lock)
        {
            if (_byModel.TryGetValue(model, out var node))
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
                return node.Value.Generator;
            }

            if (_byModel.Count >= Capacity)
            {
                // Not disposed: a turn or a job may still be using it; the SDK's clients hold no connections of their own.
                _byModel.Remove(_recent.Last!.Value.Model);
                _recent.RemoveLast();
            }

            var added = _recent.AddFirst((model, create(model)));
            _byModel[model] = added;
            return added.Value.Generator;
        }
    }
}
