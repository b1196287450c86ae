using System.IO.Packaging;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;

namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>
/// Word (.docx) through the OpenXml SDK, after the zip-bomb check and with a part-size limit (OpenXml has none by default).
/// Headings come from paragraph styles; paragraphs, list items and table rows ("cell | cell") are blocks.
/// </summary>
internal sealed class DocxExtractor
{
    public ExtractedDocument Extract(byte[] bytes, BlockCollector blocks)
    {
        DocxPackage.Verify(bytes, blocks.Limits);
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var document = WordprocessingDocument.Open(stream, isEditable: false,
                new OpenSettings { MaxCharactersInPart = blocks.Limits.MaxCharactersInPart });
            var main = document.MainDocumentPart;
            if (main?.Document?.Body is not { } body)
            {
                throw new UnsupportedDocumentException("The file is not a Word document: it has no document body.");
            }

            var reader = new DocxBodyReader(new DocxStyles(main), blocks);
            reader.Read(body);
            return blocks.ToDocument(document.PackageProperties.Title ?? reader.TitleParagraph);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or XmlException or InvalidDataException or FileFormatException)
        {
            // XmlException is also how a part over MaxCharactersInPart is reported.
            throw new UnsupportedDocumentException(
                "The Word document could not be read: it is damaged, not a .docx (e.g. a renamed .docm or .doc), or too large.", ex);
        }
    }
}
