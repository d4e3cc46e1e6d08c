namespace EServices.Web.Domain.Catalogue;

public sealed class Category
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public int Position { get; set; }
}
