namespace EServices.Tests.Infrastructure;

/// <summary>The repository the tests run from: the folder of EServices.sln, above the test assembly.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EServices.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("EServices.sln not found above " + AppContext.BaseDirectory);
    }
}
