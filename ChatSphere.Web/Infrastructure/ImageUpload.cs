namespace ChatSphere.Web.Infrastructure;

/// <summary>Reads an uploaded picture (an avatar) and checks its size and, by its bytes, its type.</summary>
public static class ImageUpload
{
    /// <summary>The bytes and their sniffed type, or a message saying what is wrong with the file.</summary>
    public static async Task<(byte[]? Bytes, string? ContentType, string? Error)> ReadAsync(IFormFile upload, int maxBytes)
    {
        if (upload.Length > maxBytes)
        {
            return (null, null, $"The picture is larger than {maxBytes / 1024} KB.");
        }

        using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer);
        var bytes = buffer.ToArray();
        return ImageType.Sniff(bytes) is { } type
            ? (bytes, type, null)
            : (null, null, "The picture must be a PNG, JPEG, GIF or WebP image.");
    }
}
