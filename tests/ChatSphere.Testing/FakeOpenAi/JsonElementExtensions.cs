using System.Text.Json;

namespace ChatSphere.Testing.FakeOpenAi;

/// <summary>Lenient reads: a missing or mistyped property is null or <c>Undefined</c>, never an exception.</summary>
internal static class JsonElementExtensions
{
    public static JsonElement Prop(this JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) ? value : default;

    public static string? Str(this JsonElement json, string name) =>
        json.Prop(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static bool? Bool(this JsonElement json, string name) =>
        json.Prop(name) is { ValueKind: JsonValueKind.True or JsonValueKind.False } value ? value.GetBoolean() : null;

    public static int? Int(this JsonElement json, string name) =>
        json.Prop(name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var number) ? number : null;

    public static double? Double(this JsonElement json, string name) =>
        json.Prop(name) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null;

    public static IEnumerable<JsonElement> Items(this JsonElement json, string name) =>
        json.Prop(name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];
}
