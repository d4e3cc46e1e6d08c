using EServices.Web.Infrastructure.Audit;
using FluentValidation;

namespace EServices.Web.Features.Admin;

/// <summary>Administration home, services (names, acronyms, signatories) and categories; every change goes to the audit log.</summary>
[Authorize(Policy = AuthorizationPolicies.Admin)]
[Route("admin")]
public sealed class ServicesController(AppDbContext db, IValidator<ServiceForm> services, IValidator<CategoryForm> categories, AuditLog audit) : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View();

    [HttpGet("services")]
    public async Task<IActionResult> ServiceList(CancellationToken ct) =>
        View(await db.Services.AsNoTracking().OrderBy(s => s.Code).ToListAsync(ct));

    [HttpGet("services/nouveau")]
    public IActionResult NewService() => View("ServiceEdit", new ServiceForm());

    [HttpGet("services/{id:int}")]
    public async Task<IActionResult> EditService(int id, CancellationToken ct) =>
        await db.Services.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) is { } s
            ? View("ServiceEdit", new ServiceForm { Name = s.Name, Code = s.Code, NumberPrefix = s.NumberPrefix, SignatoryName = s.SignatoryName, SignatoryTitle = s.SignatoryTitle })
            : NotFound();

    [HttpPost("services/nouveau")]
    [HttpPost("services/{id:int}")]
    public async Task<IActionResult> SaveService(int? id, ServiceForm form, CancellationToken ct)
    {
        var service = id is null ? null : await db.Services.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (id is not null && service is null)
        {
            return NotFound();
        }

        if (await this.CheckAsync(services, form, ct) && await db.Services.AnyAsync(s => s.Id != id && s.Code == form.Code, ct))
        {
            ModelState.AddModelError(nameof(form.Code), "Un autre service porte déjà ce sigle.");
        }

        if (ModelState.IsValid && await db.Services.AnyAsync(s => s.Id != id && s.NumberPrefix == form.NumberPrefix, ct))
        {
            ModelState.AddModelError(nameof(form.NumberPrefix), "Un autre service utilise déjà ce préfixe : les numéros de suivi se confondraient.");
        }

        if (!ModelState.IsValid)
        {
            return this.Redisplay("ServiceEdit", form);
        }

        var created = service is null;
        service ??= db.Services.Add(new Service { Name = "", Code = "", NumberPrefix = "" }).Entity;
        (service.Name, service.Code, service.NumberPrefix, service.SignatoryName, service.SignatoryTitle) =
            (form.Name!.Trim(), form.Code!, form.NumberPrefix!, form.SignatoryName!.Trim(), form.SignatoryTitle!.Trim());
        await audit.SaveAsync(db, created, created ? "Service créé" : "Service modifié", AuditTargets.Service, () => service.Id.ToString(), $"{service.Code} – {service.Name}", ct);
        return this.Saved($"Service {service.Code} enregistré.", "/admin/services");
    }

    [HttpGet("categories")]
    public async Task<IActionResult> CategoryList(CancellationToken ct) =>
        View(await db.Categories.AsNoTracking().OrderBy(c => c.Position).ThenBy(c => c.Name).ToListAsync(ct));

    [HttpGet("categories/nouvelle")]
    public IActionResult NewCategory() => View("CategoryEdit", new CategoryForm());

    [HttpGet("categories/{id:int}")]
    public async Task<IActionResult> EditCategory(int id, CancellationToken ct) =>
        await db.Categories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is { } c
            ? View("CategoryEdit", new CategoryForm { Name = c.Name, Slug = c.Slug, Description = c.Description, Position = c.Position })
            : NotFound();

    [HttpPost("categories/nouvelle")]
    [HttpPost("categories/{id:int}")]
    public async Task<IActionResult> SaveCategory(int? id, CategoryForm form, CancellationToken ct)
    {
        var category = id is null ? null : await db.Categories.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (id is not null && category is null)
        {
            return NotFound();
        }

        if (await this.CheckAsync(categories, form, ct) && await db.Categories.AnyAsync(c => c.Id != id && c.Slug == form.Slug, ct))
        {
            ModelState.AddModelError(nameof(form.Slug), "Une autre catégorie utilise déjà cet identifiant.");
        }

        if (!ModelState.IsValid)
        {
            return this.Redisplay("CategoryEdit", form);
        }

        var created = category is null;
        category ??= db.Categories.Add(new Category { Name = "", Slug = "" }).Entity;
        (category.Name, category.Slug, category.Description, category.Position) = (form.Name!.Trim(), form.Slug!, form.Description?.Trim() ?? "", form.Position);
        await audit.SaveAsync(db, created, created ? "Catégorie créée" : "Catégorie modifiée", AuditTargets.Category, () => category.Id.ToString(), category.Name, ct);
        return this.Saved($"Catégorie « {category.Name} » enregistrée.", "/admin/categories");
    }
}
