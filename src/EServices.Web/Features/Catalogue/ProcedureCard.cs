using System.Linq.Expressions;

namespace EServices.Web.Features.Catalogue;

/// <summary>A procedure as a line of a list: the catalogue, the home page.</summary>
public sealed record ProcedureCard(string Slug, string Title, string Summary, string ServiceCode, string CategoryName, bool Online, int TargetDelayDays, int FeeXof)
{
    public static readonly Expression<Func<Procedure, ProcedureCard>> Projection = p =>
        new ProcedureCard(p.Slug, p.Title, p.Summary, p.Service.Code, p.Category.Name, (p.PublishedFormVersionId != null && p.ClosedAt == null), p.TargetDelayDays, p.FeeXof);
}
