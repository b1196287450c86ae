namespace ChatSphere.Bench;

/// <summary>A SQuAD question with its gold answers already normalised for matching.</summary>
internal sealed record SquadQuestion(string Text, string[] Answers);
