namespace EServices.PaySim;

/// <summary>
/// Runs the simulator alone: <c>dotnet run --project tools/EServices.PaySim -- --port 5082 --apikey … --site-id …
/// --secret-key … [--state-file path]</c> (or the settings PaySim__ApiKey, PaySim__SiteId, PaySim__SecretKey, PaySim__Port,
/// PaySim__StateFile). Not named after the portal's Program, which the tests reference beside it.
/// </summary>
internal static class Program
{
    public static async Task Main(string[] args) => await PaySim.Build(args).RunAsync();
}
