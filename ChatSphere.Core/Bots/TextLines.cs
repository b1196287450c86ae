using System.ComponentModel;
using System.Globalization;

namespace ChatSphere.Core.Bots;

/// <summary>
/// Short texts that JSON sends as an array and a form edits one per line. The type converter lets a form field (a
/// textarea) bind to it, lines trimmed and empty ones dropped; <see cref="ToString"/> fills the textarea again.
/// </summary>
[TypeConverter(typeof(FromText))]
public sealed class TextLines : List<string>
{
    public TextLines()
    {
    }

    public TextLines(IEnumerable<string> lines)
        : base(lines)
    {
    }

    public override string ToString() => string.Join('\n', this);

    internal sealed class FromText : TypeConverter
    {
        public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
            sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

        public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
            value is string text
                ? new TextLines(text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                : base.ConvertFrom(context, culture, value);
    }
}
