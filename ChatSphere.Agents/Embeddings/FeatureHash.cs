namespace ChatSphere.Agents.Embeddings;

/// <summary>
/// A small, fixed 64-bit string hash (FNV-1a, then MurmurHash3's finaliser because FNV's low bits are weak).
/// It must never change: stored vectors depend on it.
/// </summary>
internal static class FeatureHash
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Of(ReadOnlySpan<char> text, ulong seed)
    {
        var hash = OffsetBasis ^ seed;
        foreach (var c in text)
        {
            hash = (hash ^ c) * Prime;
        }

        return Mix(hash);
    }

    public static ulong Combine(ulong first, ulong second) => Mix((first * 31) ^ second);

    private static ulong Mix(ulong hash)
    {
        hash = (hash ^ (hash >> 33)) * 0xFF51AFD7ED558CCDUL;
        hash = (hash ^ (hash >> 33)) * 0xC4CEB9FE1A85EC53UL;
        return hash ^ (hash >> 33);
    }
}
