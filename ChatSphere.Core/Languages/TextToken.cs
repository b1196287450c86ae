namespace ChatSphere.Core.Languages;

/// <summary>
/// A search token: a word of a script written with spaces, or a character bigram (a single character when it stands
/// alone) of a script written without them (<see cref="Unspaced"/>).
/// </summary>
public readonly record struct TextToken(string Text, bool Unspaced);
