namespace HealthGraph.Tests.Support;

/// <summary>Files of the repository the tests run from (found by walking up to HealthGraph.sln).</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HealthGraph.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"HealthGraph.sln not found above {AppContext.BaseDirectory}.");
    }
}
