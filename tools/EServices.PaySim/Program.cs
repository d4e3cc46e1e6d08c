namespace EServices.PaySim;

/// <summary>
/// Runs the simulator alone: <c>dotnet run --project tools/EServices.PaySim -- --port 5082 --apikey … --site-id …
/// --secret-key … [--state-file path] [--slow-delay 00:00:20]</c> (or the settings PaySim__ApiKey, PaySim__SiteId,
/// PaySim__SecretKey, PaySim__Port, PaySim__StateFile, PaySim__SlowDelay); without keys, the development ones.
/// Internal: the tests reference this project beside the portal, whose entry point is the global Program.
/// </summary>
internal static class Program
{
    public static async Task Main(string[] args) => await PaySim.Build(args).RunAsync();
}
