using System.Text;

namespace ChatSphere.Core.Languages;

/// <summary>What the tokenizer needs to know about a character's script, by Unicode block.</summary>
internal static class Scripts
{
    /// <summary>
    /// Scripts written without spaces between words: Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar, Tibetan and
    /// Yi. Their runs are cut into character bigrams, which need no dictionary and work for every language in them.
    /// </summary>
    public static bool IsUnspaced(Rune rune) => rune.Value switch
    {
        >= 0x0E00 and <= 0x0EFF => true,   // Thai, Lao
        >= 0x0F00 and <= 0x0FFF => true,   // Tibetan
        >= 0x1000 and <= 0x109F => true,   // Myanmar
        >= 0x1780 and <= 0x17FF => true,   // Khmer
        >= 0x19E0 and <= 0x19FF => true,   // Khmer symbols
        >= 0x2E80 and <= 0x2FDF => true,   // CJK radicals
        >= 0x3005 and <= 0x3007 => true,   // 々 〆 〇
        >= 0x3040 and <= 0x30FF => true,   // Hiragana, Katakana
        >= 0x31F0 and <= 0x31FF => true,   // Katakana extensions
        >= 0x3400 and <= 0x4DBF => true,   // CJK extension A
        >= 0x4E00 and <= 0x9FFF => true,   // CJK unified ideographs
        >= 0xA000 and <= 0xA4CF => true,   // Yi
        >= 0xAA60 and <= 0xAA7F => true,   // Myanmar extended
        >= 0xF900 and <= 0xFAFF => true,   // CJK compatibility ideographs
        >= 0x20000 and <= 0x3134F => true, // CJK extensions B-G
        _ => false,
    };

    /// <summary>
    /// Scripts whose diacritics readers routinely leave out (Latin and Greek accents, Arabic harakat, Hebrew points),
    /// so "café" and "cafe" agree. Elsewhere marks are part of the letter (Devanagari vowel signs, Thai tone marks) and
    /// are kept.
    /// </summary>
    public static bool HasOptionalMarks(Rune rune) => rune.Value switch
    {
        < 0x0250 => true,                  // Latin
        >= 0x0370 and <= 0x03FF => true,   // Greek
        >= 0x0590 and <= 0x05FF => true,   // Hebrew
        >= 0x0600 and <= 0x06FF => true,   // Arabic
        >= 0x0750 and <= 0x077F => true,   // Arabic supplement
        >= 0x08A0 and <= 0x08FF => true,   // Arabic extended
        >= 0x1E00 and <= 0x1FFF => true,   // Latin extended additional, Greek extended
        _ => false,
    };

    /// <summary>Arabic letters with one spelling folded: hamza and madda forms of alef to alef, alef maksura to yeh.</summary>
    public static Rune FoldLetter(Rune rune) => rune.Value switch
    {
        0x0622 or 0x0623 or 0x0625 or 0x0671 => new Rune(0x0627),
        0x0649 => new Rune(0x064A),
        _ => rune,
    };
}
