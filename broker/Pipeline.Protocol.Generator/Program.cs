using Pipeline.Protocol.Generator;

// dotnet run --project broker/Pipeline.Protocol.Generator -- <specDir> <outDir>
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Pipeline.Protocol.Generator <specDir> <outDir>");
    return 2;
}

var (specDir, outDir) = (args[0], args[1]);
var files = MessageGenerator.Generate(specDir);
MessageGenerator.LoadSpecs(specDir, out var renames);
Directory.CreateDirectory(outDir);
foreach (var stale in Directory.GetFiles(outDir, "*.g.cs"))
{
    if (!files.ContainsKey(Path.GetFileName(stale)))
    {
        File.Delete(stale);
        Console.WriteLine($"deleted {Path.GetFileName(stale)}");
    }
}

var changed = 0;
foreach (var (name, content) in files)
{
    var path = Path.Combine(outDir, name);
    if (!File.Exists(path) || File.ReadAllText(path) != content)
    {
        File.WriteAllText(path, content);
        changed++;
    }
}

foreach (var rename in renames)
{
    Console.WriteLine($"renamed {rename}");
}

Console.WriteLine($"{files.Count} files, {changed} written to {outDir}");
return 0;
