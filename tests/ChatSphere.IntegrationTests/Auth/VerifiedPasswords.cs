using System.Collections.Concurrent;

namespace ChatSphere.IntegrationTests.Auth;

/// <summary>The passwords the host's hasher verified, each with the hashes it was checked against.</summary>
public sealed class VerifiedPasswords
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _hashes = new();

    public void Add(string password, string hash) => _hashes.GetOrAdd(password, _ => new()).Enqueue(hash);

    public IReadOnlyList<string> HashesFor(string password) => _hashes.TryGetValue(password, out var hashes) ? [.. hashes] : [];
}
