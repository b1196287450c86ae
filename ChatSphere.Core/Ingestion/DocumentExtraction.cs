using System.Diagnostics;
using System.Text.Json;
using ChatSphere.Core.Ingestion.Extraction;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatSphere.Core.Ingestion;

/// <summary>
/// The extract step. Third-party parsers (PDF, DOCX, HTML) run in a child process with a time and memory limit,
/// so a file that hangs or crashes its parser (PdfPig has open StackOverflow reports) fails that document
/// instead of taking the web process down. Our own line parsers (text, Markdown, CSV) run in process.
/// </summary>
public sealed class DocumentExtraction(DocumentExtractor extractor, IOptions<IngestionOptions> options, ILogger<DocumentExtraction> logger)
{
    /// <summary>Where the worker entry point lives by default: the web app, which dispatches <see cref="ExtractionWorker.Command"/>.</summary>
    public static readonly string DefaultWorkerAssembly = Path.Combine(AppContext.BaseDirectory, "ChatSphere.Web.dll");

    public async Task<ExtractedDocument> ExtractAsync(DocumentKind kind, byte[] bytes, CancellationToken cancellationToken)
    {
        if (kind is DocumentKind.PlainText or DocumentKind.Markdown or DocumentKind.Csv)
        {
            return extractor.Extract(kind, bytes, cancellationToken);
        }

        return await ExtractInWorkerAsync(kind, bytes, cancellationToken);
    }

    private async Task<ExtractedDocument> ExtractInWorkerAsync(DocumentKind kind, byte[] bytes, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(DotnetHost(), [options.Value.ExtractionWorker ?? DefaultWorkerAssembly, ExtractionWorker.Command, kind.ToString()])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // A hard heap cap: a decompression bomb the pre-checks missed runs out of memory in the worker, not here.
        start.Environment["DOTNET_GCHeapHardLimit"] = $"0x{options.Value.ExtractionMemoryLimitMb * 1024L * 1024:X}";
        start.Environment["DOTNET_TieredPGO"] = "0";

        using var process = Process.Start(start) ?? throw new ExtractionFailedException("The extraction worker did not start.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.ExtractionTimeoutSeconds));
        try
        {
            // Read as it comes, never whole: the reader builds the blocks and stops at the output limit.
            var output = ExtractionWire.ReadAsync(process.StandardOutput.BaseStream, extractor.Limits, timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.StandardInput.BaseStream.WriteAsync(bytes, timeout.Token);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The worker died before reading all input: its exit code tells why.
            }

            // A reader stopped by the output limit must not wait for a worker that now blocks on a full pipe.
            var exited = process.WaitForExitAsync(timeout.Token);
            if (await Task.WhenAny(output, exited) == output && output.Exception?.InnerException is ExtractionFailedException)
            {
                return await output;
            }

            await exited;
            var message = (await errors).Trim();
            if (process.ExitCode != 0)
            {
                // The worker's own reason, not what its cut-off output made of the reader.
                _ = output.ContinueWith(read => read.Exception, TaskScheduler.Default);
            }

            return process.ExitCode switch
            {
                0 => await output,
                ExtractionWorker.UnsupportedExitCode => throw new UnsupportedDocumentException(message),
                _ => throw Crashed(process.ExitCode, message),
            };
        }
        catch (JsonException ex)
        {
            throw new ExtractionFailedException($"The extraction worker's output could not be read: {ex.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ExtractionFailedException(
                $"Reading the file took longer than {options.Value.ExtractionTimeoutSeconds} s and was stopped.");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private ExtractionFailedException Crashed(int exitCode, string stderr)
    {
        logger.LogWarning("Extraction worker exited with {ExitCode}: {Error}", exitCode, stderr.Length > 2000 ? stderr[..2000] : stderr);
        var reason = stderr.Contains("OutOfMemory", StringComparison.Ordinal) ? "it needs more memory than allowed"
            : stderr.Contains("Stack overflow", StringComparison.OrdinalIgnoreCase) ? "its parser overflowed"
            : $"its parser crashed (exit code {exitCode})";
        return new ExtractionFailedException($"The file could not be read: {reason}.");
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : "dotnet";
}
