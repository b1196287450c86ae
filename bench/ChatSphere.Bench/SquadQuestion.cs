namespace ChatSphere.Bench;

/// <summary>
/// A SQuAD question with its gold answers already normalised for matching; <paramref name="Unspaced"/> when its
/// language is written without spaces, where answers match as plain substrings (shared/eval/README.md).
/// </summary>
internal sealed record SquadQuestion(string Text, string[] Answers, bool Unspaced = false);
