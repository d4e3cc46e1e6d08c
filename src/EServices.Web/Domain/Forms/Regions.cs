namespace EServices.Web.Domain.Forms;

/// <summary>The 17 regions of Burkina Faso since the 2025 reform.</summary>
public static class Regions
{
    public static readonly IReadOnlyList<FieldOption> Options =
    [
        new("bankui", "Bankui"),
        new("djoro", "Djôrô"),
        new("goulmou", "Goulmou"),
        new("guiriko", "Guiriko"),
        new("kadiogo", "Kadiogo"),
        new("kuilse", "Kuilsé"),
        new("liptako", "Liptako"),
        new("nakambe", "Nakambé"),
        new("nando", "Nando"),
        new("nazinon", "Nazinon"),
        new("oubri", "Oubri"),
        new("sirba", "Sirba"),
        new("soum", "Soum"),
        new("sourou", "Sourou"),
        new("tannounyan", "Tannounyan"),
        new("tapoa", "Tapoa"),
        new("yaadga", "Yaadga"),
    ];
}
