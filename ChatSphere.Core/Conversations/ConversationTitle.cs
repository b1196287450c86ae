using System.Globalization;

namespace ChatSphere.Core.Conversations;

/// <summary>A conversation's title: its first message, shortened for lists.</summary>
public static class ConversationTitle
{
    public const int MaxLength = 80;

    /// <summary>
    /// The message, or its start and "..." when longer than <see cref="MaxLength"/>. It is cut between whole letters:
    /// never inside a surrogate pair (an emoji, a rare Han character), which PostgreSQL's UTF-8 cannot store, nor
    /// between a letter and its combining marks (Devanagari vowel signs, Arabic vowels).
    /// </summary>
    public static string Of(string message)
    {
        if (message.Length <= MaxLength)
        {
            return message;
        }

        var cut = 0;
        for (var next = StringInfo.GetNextTextElementLength(message); cut + next <= MaxLength - 3;
             next = StringInfo.GetNextTextElementLength(message.AsSpan(cut)))
        {
            cut += next;
        }

        return message[..cut] + "...";
    }
}
