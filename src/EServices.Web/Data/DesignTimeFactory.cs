using Microsoft.EntityFrameworkCore.Design;

namespace EServices.Web.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without a running database.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) =>
        new(((DbContextOptionsBuilder<AppDbContext>)new DbContextOptionsBuilder<AppDbContext>().UseEServicesDatabase("Host=localhost;Database=design")).Options);
}
