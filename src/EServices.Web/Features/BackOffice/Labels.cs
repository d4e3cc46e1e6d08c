using EServices.Web.Infrastructure.Audit;
using EServices.Web.Workflow;
using FluentValidation;
using Npgsql;

namespace EServices.Web.Features.BackOffice;

/// <summary>A label as staff see it on a request, in the inbox and in the lists.</summary>
public sealed record LabelChip(int Id, int ServiceId, string ServiceCode, string Name, LabelColour Colour);

/// <summary>The labels form of a head of service: new or changed, in French, with what was typed kept.</summary>
public sealed class LabelForm
{
    public int? Service { get; set; }
    public string? Name { get; set; }
    public string? Colour { get; set; }

    public sealed class Validator : AbstractValidator<LabelForm>
    {
        public Validator()
        {
            RuleFor(f => f.Service).NotNull().WithMessage("Choisissez le service de l'étiquette.");
            RuleFor(f => f.Name).Cascade(CascadeMode.Stop)
                .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Saisissez le nom de l'étiquette (ex. Pièce illisible).")
                .Must(n => n!.Trim().Length <= ServiceLabel.NameMaxLength).WithMessage($"{ServiceLabel.NameMaxLength} caractères au plus.")
                .Must(n => !n!.Any(char.IsControl)).WithMessage("Le nom ne peut pas contenir de caractères de contrôle.");
            RuleFor(f => f.Colour).Must(c => Enum.TryParse<LabelColour>(c, out var colour) && Enum.IsDefined(colour) && !int.TryParse(c, out _))
                .WithMessage("Choisissez une couleur parmi celles proposées.");
        }
    }
}

/// <summary>Which labels a member of staff may use and manage: those of their services (every service for an
/// administrator); only a head of service (or an administrator) manages them.</summary>
public sealed class LabelScope(AppDbContext db, StaffScope scope)
{
    public async Task<List<int>> ServiceIdsAsync(ClaimsPrincipal user, CancellationToken ct) =>
        user.IsInRole(Roles.Admin) ? await db.Services.Select(s => s.Id).ToListAsync(ct) : await scope.ServiceIdsAsync(user, ct);

    public async Task<List<LabelChip>> LabelsAsync(ClaimsPrincipal user, CancellationToken ct) =>
        await InServicesAsync(user.IsInRole(Roles.Admin) ? null : await scope.ServiceIdsAsync(user, ct), ct);

    /// <summary>The labels of these services (null: of every service), for a caller that already knows the user's services.</summary>
    public Task<List<LabelChip>> InServicesAsync(IReadOnlyCollection<int>? services, CancellationToken ct) =>
        Chips(services is null ? db.ServiceLabels : db.ServiceLabels.Where(l => services.Contains(l.ServiceId))).ToListAsync(ct);

    public Task<List<LabelChip>> OfServiceAsync(int serviceId, CancellationToken ct) =>
        Chips(db.ServiceLabels.Where(l => l.ServiceId == serviceId)).ToListAsync(ct);

    /// <summary>The labels on a request, in name order.</summary>
    public Task<List<LabelChip>> OnRequestAsync(Guid requestId, CancellationToken ct) =>
        Chips(db.ServiceLabels.Where(l => db.RequestLabels.Any(r => r.RequestId == requestId && r.LabelId == l.Id))).ToListAsync(ct);

    /// <summary>The labels placed on requests, per request (those of a page of the inbox, or of its export).</summary>
    public async Task<ILookup<Guid, LabelChip>> PlacedAsync(IQueryable<RequestLabel> placed, CancellationToken ct)
    {
        var found = await placed.AsNoTracking()
            .Join(db.ServiceLabels, p => p.LabelId, l => l.Id, (p, l) => new { p.RequestId, l })
            .Join(db.Services, x => x.l.ServiceId, s => s.Id, (x, s) => new { x.RequestId, x.l, s.Code })
            .OrderBy(x => x.l.Name)
            .Select(x => new { x.RequestId, Chip = new LabelChip(x.l.Id, x.l.ServiceId, x.Code, x.l.Name, x.l.Colour) })
            .ToListAsync(ct);
        return found.ToLookup(x => x.RequestId, x => x.Chip);
    }

    private IQueryable<LabelChip> Chips(IQueryable<ServiceLabel> labels) =>
        labels.AsNoTracking()
            .Join(db.Services, l => l.ServiceId, s => s.Id, (l, s) => new { l, s.Code })
            .OrderBy(x => x.Code).ThenBy(x => x.l.Name)
            .Select(x => new LabelChip(x.l.Id, x.l.ServiceId, x.Code, x.l.Name, x.l.Colour));
}

/// <summary>Creates, changes or deletes a label of a service, each with its entry in the audit journal.</summary>
public sealed class LabelCatalogue(AppDbContext db, AuditLog audit)
{
    /// <summary>False when the service already has a label of that name (typed in another case, or saved in the meantime).</summary>
    public async Task<bool> SaveAsync(ServiceLabel? label, int serviceId, string name, LabelColour colour, CancellationToken ct)
    {
        var code = await db.Services.Where(s => s.Id == serviceId).Select(s => s.Code).SingleAsync(ct);
        var taken = await db.ServiceLabels.Where(l => l.ServiceId == serviceId && l.Id != (label == null ? 0 : label.Id)).Select(l => l.Name).ToListAsync(ct);
        if (taken.Any(n => string.Equals(n, name, StringComparison.CurrentCultureIgnoreCase)))
        {
            return false;
        }

        try
        {
            if (label is null)
            {
                label = db.ServiceLabels.Add(new ServiceLabel { ServiceId = serviceId, Name = name, Colour = colour }).Entity;
                await audit.SaveNewAsync($"Étiquette créée ({colour.Label().ToLowerInvariant()})", AuditTargets.Label, () => label.Id.ToString(), $"{code} – {name}", ct);
                return true;
            }

            if (label.Name != name)
            {
                audit.Record($"Étiquette renommée (ancien nom : « {label.Name} »)", AuditTargets.Label, label.Id.ToString(), $"{code} – {name}");
            }

            if (label.Colour != colour)
            {
                audit.Record($"Couleur de l'étiquette changée ({label.Colour.Label().ToLowerInvariant()} → {colour.Label().ToLowerInvariant()})", AuditTargets.Label, label.Id.ToString(), $"{code} – {name}");
            }

            (label.Name, label.Colour) = (name, colour);
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException saving) when (saving.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return false;
        }
    }

    /// <summary>Deletes the label: it leaves every request it was on (their count is returned and journaled).</summary>
    public async Task<int> DeleteAsync(ServiceLabel label, CancellationToken ct)
    {
        var code = await db.Services.Where(s => s.Id == label.ServiceId).Select(s => s.Code).SingleAsync(ct);
        var requests = await db.RequestLabels.CountAsync(r => r.LabelId == label.Id, ct);
        db.ServiceLabels.Remove(label); // its places on requests go with it (cascade)
        audit.Record($"Étiquette supprimée (retirée de {requests} demande(s))", AuditTargets.Label, label.Id.ToString(), $"{code} – {label.Name}");
        await db.SaveChangesAsync(ct);
        return requests;
    }
}

/// <summary>Puts labels on a request the member of staff may see, or takes them off: only labels of the request's own
/// service; each change journaled against the request (staff only: the applicant never sees labels).</summary>
public sealed class SetLabels(AppDbContext db, StaffScope scope, AuditLog audit, TimeProvider clock)
{
    public const string Field = "etiquettes";

    /// <summary>The request ends with exactly these labels (its page's checkboxes).</summary>
    public Task<Decision> ReplaceAsync(ClaimsPrincipal user, string number, IReadOnlyCollection<int> wanted, CancellationToken ct) =>
        ChangeAsync(user, number, wanted, current => (wanted.Except(current).ToList(), current.Except(wanted).ToList()), ct);

    /// <summary>Adds one label (or takes it off), the others left as they are (the inbox's bulk action).</summary>
    public Task<Decision> ToggleAsync(ClaimsPrincipal user, string number, int label, bool add, CancellationToken ct) =>
        ChangeAsync(user, number, [label], current => add ? ([.. new[] { label }.Except(current)], []) : ([], [.. current.Where(l => l == label)]), ct);

    private async Task<Decision> ChangeAsync(
        ClaimsPrincipal user, string number, IReadOnlyCollection<int> named, Func<List<int>, (List<int> Added, List<int> Removed)> change, CancellationToken ct)
    {
        var request = await (await scope.RequestsAsync(user, ct)).AsNoTracking()
            .Where(r => r.Number == number)
            .Select(r => new { r.Id, r.Procedure.ServiceId })
            .FirstOrDefaultAsync(ct);
        if (request is null)
        {
            return Decision.NotFound;
        }

        var labels = await db.ServiceLabels.AsNoTracking().Where(l => l.ServiceId == request.ServiceId).ToDictionaryAsync(l => l.Id, ct);
        if (named.Any(id => !labels.ContainsKey(id)))
        {
            return new(DecisionOutcome.Invalid, "Cette étiquette n'existe pas pour le service de cette demande : rechargez la page.", Field);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The request's row is locked so that two agents labelling it at once apply their changes one after the other.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM requests WHERE id = {request.Id} FOR UPDATE", ct);
        var current = await db.RequestLabels.Where(r => r.RequestId == request.Id).Select(r => r.LabelId).ToListAsync(ct);
        var (added, removed) = change(current);
        if (added.Count == 0 && removed.Count == 0)
        {
            return new(DecisionOutcome.Done, "Aucune étiquette n'a changé.");
        }

        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var now = clock.GetUtcNow();
        db.RequestLabels.AddRange(added.Select(id => new RequestLabel { RequestId = request.Id, LabelId = id, SetAt = now, SetById = userId }));
        await db.RequestLabels.Where(r => r.RequestId == request.Id && removed.Contains(r.LabelId)).ExecuteDeleteAsync(ct);
        foreach (var id in added)
        {
            audit.Record($"Étiquette « {labels[id].Name} » ajoutée", AuditTargets.Request, number, number);
        }

        foreach (var id in removed)
        {
            audit.Record($"Étiquette « {labels[id].Name} » retirée", AuditTargets.Request, number, number);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(DecisionOutcome.Done, Summary(added.Select(id => labels[id].Name), removed.Select(id => labels[id].Name)));
    }

    private static string Summary(IEnumerable<string> added, IEnumerable<string> removed)
    {
        var parts = new List<string>();
        if (added.ToList() is { Count: > 0 } a)
        {
            parts.Add($"ajoutée(s) : {string.Join(", ", a.Select(n => $"« {n} »"))}");
        }

        if (removed.ToList() is { Count: > 0 } r)
        {
            parts.Add($"retirée(s) : {string.Join(", ", r.Select(n => $"« {n} »"))}");
        }

        return $"Étiquettes {string.Join(" ; ", parts)}.";
    }
}
