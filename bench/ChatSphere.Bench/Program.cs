using ChatSphere.Bench;
using ChatSphere.Core.Ingestion.Chunking;

// dotnet run -c Release --project bench/ChatSphere.Bench -- tune [--quick] [--threads N] [--squad PATH]
//                                                           throughput
//                                                           retrieval|scale --server "CONNECTION" (see bench/README.md)
//                                                           chat --server "CONNECTION" [--questions N]
//                                                           widget --server "CONNECTION" [--levels 50,100,200,500] [--spread S] [--warmup 100,200,300,400,500] [--tokens 200]
//                                                           inputs --server "CONNECTION"
//                                                           chunks [--article N] [--max T] [--overlap T]
//                                                           answers [--sweep] | answers --xquad DIR [--unknown]
//                                                           embedders [--squad PATH] (issue 12: hashing vs arctic)
//                                                           languages --server "CONNECTION" [--xquad DIR] [--questions N]
var command = args.FirstOrDefault() ?? "tune";
var path = Option("--squad") ?? Squad.DefaultPath;
var threads = int.Parse(Option("--threads") ?? "1");
var squad = Squad.Load(path);
Console.WriteLine($"SQuAD: {squad.Documents.Count} articles, {squad.Documents.Sum(d => d.Blocks.Count)} paragraphs, {squad.Questions.Count} questions");

switch (command)
{
    case "tune":
        var watch = System.Diagnostics.Stopwatch.StartNew();
        new Tuner(squad, threads, Console.Out).Run(quick: args.Contains("--quick"));
        Console.WriteLine($"\nSweep took {watch.Elapsed.TotalSeconds:F0} s on {threads} thread(s).");
        break;
    case "throughput":
        Throughput.Run(squad, Console.Out);
        break;
    case "retrieval":
        await new ChatSphere.Bench.Live.RetrievalBench(squad, Server(), Console.Out).RunAsync();
        break;
    case "chat":
        await new ChatSphere.Bench.Live.ChatBench(squad, Server(), Console.Out, Option("--questions") is { } n ? int.Parse(n) : null).RunAsync();
        break;
    case "widget":
        var levels = (Option("--levels") ?? "50,100,200,500,750,1000").Split(',').Select(int.Parse).ToList();
        var warmUp = (Option("--warmup") ?? "100,200,300,400,500").Split(',').Select(int.Parse).ToList();
        await new ChatSphere.Bench.Live.WidgetBench(Server(), Console.Out, levels, warmUp, double.Parse(Option("--spread") ?? "0"), int.Parse(Option("--tokens") ?? "200")).RunAsync();
        break;
    case "languages":
        var xquad = Option("--xquad") ?? Path.Combine(Path.GetDirectoryName(Squad.DefaultPath)!, "xquad");
        await new ChatSphere.Bench.Live.LanguagesBench(xquad, Server(), Console.Out, Option("--questions") is { } asked ? int.Parse(asked) : null).RunAsync();
        break;
    case "inputs":
        await new ChatSphere.Bench.Live.InputsBench(Server(), Console.Out).RunAsync();
        break;
    case "scale":
        await new ChatSphere.Bench.Live.ScaleBench(squad, Server(), Console.Out).RunAsync();
        break;
    case "answers" when Option("--xquad") is { } directory:
        // One file per language, named by its ISO 639-1 code; --unknown analyses every file with no language given.
        Console.WriteLine("| file | language | questions | top-1 | top-5 | answer holds gold % | cited % | mean characters |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var file in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            new AnswerBench(Squad.Load(file), Console.Out, args.Contains("--unknown") ? null : name).LanguageRow(name);
        }
        break;
    case "embedders":
        new EmbedderBench(squad, Path.GetFileName(path), threads, Console.Out).Run();
        break;
    case "answers":
        new AnswerBench(squad, Console.Out).Run(sweep: args.Contains("--sweep"));
        break;
    case "chunks":
        var options = new ChunkingOptions(
            int.Parse(Option("--max") ?? $"{ChunkingOptions.DefaultMaxTokens}"),
            int.Parse(Option("--overlap") ?? $"{ChunkingOptions.DefaultOverlapTokens}"));
        var chunker = new Chunker(TokenCounter.Shared);
        foreach (var chunk in chunker.Chunk(squad.Documents[int.Parse(Option("--article") ?? "0")], options))
        {
            Console.WriteLine($"--- #{chunk.Ordinal} {chunk.TokenCount} tokens [{string.Join(" > ", chunk.HeadingPath)}]\n{chunk.Text}");
        }

        break;
    default:
        Console.Error.WriteLine($"Unknown command '{command}': use tune, throughput, answers, embedders, chunks, retrieval, scale, chat, widget, inputs or languages.");
        return 1;
}

return 0;

// The benchmark creates its own databases on this server (the role needs CREATEDB; template1 needs pgvector).
string Server() => Option("--server") ?? Environment.GetEnvironmentVariable("CHATSPHERE_BENCH_SERVER")
    ?? throw new InvalidOperationException("Pass --server \"Host=...;Username=...;Password=...\" (./chatsphere db prints one).");

string? Option(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
