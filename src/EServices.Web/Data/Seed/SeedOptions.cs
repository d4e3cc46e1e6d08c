namespace EServices.Web.Data;

public sealed class SeedOptions
{
    public const string Section = "Seed";

    /// <summary>Adds the catalogue (services, categories, procedures and forms) when it is missing.</summary>
    public bool Catalogue { get; set; } = true;

    /// <summary>Adds the demo accounts listed in README.md. Never in production.</summary>
    public bool DemoAccounts { get; set; }

    public string DemoPassword { get; set; } = "";
}
