using ChatSphere.Core.Domain;

namespace ChatSphere.Agents.Models;

/// <summary>
/// What a model of the endpoint's list is for, by its name: OpenAI's <c>GET /models</c> does not say. Used only for
/// names that neither the Admin's allow-list nor the configuration gives a kind.
/// </summary>
public static class ModelNames
{
    /// <summary>Names of models that neither chat nor embed (speech, images, moderation), so they are offered for neither.</summary>
    private static readonly string[] NeitherMarkers = ["whisper", "tts", "dall-e", "image", "moderation", "transcribe", "audio", "realtime"];

    /// <summary>"embed" anywhere in the name: embedding; a speech, image or moderation model: neither (null); else chat.</summary>
    public static ModelKind? Guess(string name) =>
        name.Contains("embed", StringComparison.OrdinalIgnoreCase) ? ModelKind.Embedding
        : NeitherMarkers.Any(m => name.Contains(m, StringComparison.OrdinalIgnoreCase)) ? null
        : ModelKind.Chat;
}
