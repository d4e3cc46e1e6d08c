using System.Globalization;
using EServices.Web.Infrastructure.Audit;

namespace EServices.Web.Features.Admin;

/// <summary>The journal's filters, as typed in the address (dates stay text so that a bad one can be shown back).</summary>
public sealed class JournalCriteria
{
    public string? Qui { get; set; }
    public string? Type { get; set; }
    public string? Cible { get; set; }
    public string? Du { get; set; }
    public string? Au { get; set; }
    public int Page { get; set; } = 1;

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];

    /// <summary>The date typed in a filter, or an error in French; null and no error when the filter is empty.</summary>
    public static (DateOnly? Date, string? Error) ParseDate(string? text) =>
        string.IsNullOrWhiteSpace(text) ? (null, null)
        : DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? (date, null)
        : (null, "Saisissez une date valide, par exemple 26/03/2027.");
}

/// <summary>One line of the journal, from either table: the union's two sides fill the same members.</summary>
public sealed class JournalEntry
{
    public DateTimeOffset At { get; init; }
    public string? ActorFirstNames { get; init; }
    public string? ActorLastName { get; init; }
    public string? ActorEmail { get; init; }

    /// <summary>An <see cref="AuditTargets"/> value; "demande" for request events.</summary>
    public required string Kind { get; init; }

    /// <summary>The audit entry's action, or the request event's comment.</summary>
    public required string Action { get; init; }

    /// <summary>The state a request moved to; null for administration changes.</summary>
    public RequestStatus? To { get; init; }

    /// <summary>The target's id, or the request's tracking number.</summary>
    public required string TargetId { get; init; }

    /// <summary>The target's name at the time, or the request's procedure title.</summary>
    public required string TargetLabel { get; init; }
}

public sealed record JournalRow(DateTimeOffset At, string Who, string What, string Kind, string Target, string? Link);

public sealed record JournalPage(JournalCriteria Criteria, bool Valid, int Total, int Page, int PageCount, IReadOnlyList<JournalRow> Rows);

/// <summary>Who did what, when, on which request or procedure: the audit entries and the request events in one list,
/// newest first. One SQL query (UNION ALL) so that filters and paging apply to both at once.</summary>
public sealed class JournalQuery(AppDbContext db)
{
    public const int PageSize = 50;

    /// <summary>The kinds of targets: the filter's label, and the name of one in a row.</summary>
    public static readonly (string Key, string Label, string One)[] Kinds =
    [
        (AuditTargets.Request, "Demandes", "Demande"), (AuditTargets.Procedure, "Démarches", "Démarche"), (AuditTargets.Service, "Services", "Service"),
        (AuditTargets.Group, "Groupes", "Groupe"), (AuditTargets.Category, "Catégories", "Catégorie"), (AuditTargets.Staff, "Agents", "Agent"),
        (AuditTargets.Label, "Étiquettes", "Étiquette"), (AuditTargets.SignIn, "Connexions des agents", "Agent"),
        (AuditTargets.ApiClient, "Clients de l'API", "Client de l'API"),
    ];

    public async Task<JournalPage> RunAsync(JournalCriteria criteria, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var query = Filter(Entries(), criteria, from, to);
        var total = await query.CountAsync(ct);
        var pageCount = Math.Max(1, (int)Math.Ceiling(total / (double)PageSize));
        var page = Math.Clamp(criteria.Page, 1, pageCount);
        var entries = await query.OrderByDescending(e => e.At).ThenBy(e => e.TargetId)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .ToListAsync(ct);
        return new JournalPage(criteria, true, total, page, pageCount, entries.Select(Row).ToList());
    }

    /// <summary>Administration changes and request events, joined to the actor's name and the request's procedure.</summary>
    private IQueryable<JournalEntry> Entries()
    {
        var changes =
            from e in db.AuditEntries
            select new { e.At, e.ActorId, Kind = e.TargetType, e.Action, To = (RequestStatus?)null, e.TargetId, e.TargetLabel };
        var moves =
            from ev in db.RequestEvents
            join r in db.Requests on ev.RequestId equals r.Id
            join p in db.Procedures on r.ProcedureId equals p.Id
            where r.Number != null && ev.To != RequestStatus.Draft // an applicant's drafts are theirs, not the administration's
            select new { ev.At, ev.ActorId, Kind = AuditTargets.Request, Action = ev.Comment, To = (RequestStatus?)ev.To, TargetId = r.Number!, TargetLabel = p.Title };
        // Request events first: the union takes each column's type from its first side, and "To" must be read as the stored text.
        return
            from x in moves.Concat(changes)
            join u in db.Users on x.ActorId equals u.Id into actors
            from a in actors.DefaultIfEmpty()
            select new JournalEntry
            {
                At = x.At,
                ActorFirstNames = a == null ? null : a.FirstNames,
                ActorLastName = a == null ? null : a.LastName,
                ActorEmail = a == null ? null : a.Email,
                Kind = x.Kind,
                Action = x.Action,
                To = x.To,
                TargetId = x.TargetId,
                TargetLabel = x.TargetLabel,
            };
    }

    private static IQueryable<JournalEntry> Filter(IQueryable<JournalEntry> query, JournalCriteria criteria, DateOnly? from, DateOnly? to)
    {
        if (Pattern(criteria.Qui) is { } who)
        {
            query = query.Where(e => EF.Functions.ILike(EF.Functions.Unaccent(e.ActorFirstNames + " " + e.ActorLastName + " " + e.ActorEmail), EF.Functions.Unaccent(who)));
        }

        if (Kinds.Any(k => k.Key == criteria.Type))
        {
            query = query.Where(e => e.Kind == criteria.Type);
        }

        if (Pattern(criteria.Cible) is { } target)
        {
            query = query.Where(e => EF.Functions.ILike(EF.Functions.Unaccent(e.TargetId + " " + e.TargetLabel), EF.Functions.Unaccent(target)));
        }

        if (from is { } start)
        {
            var since = new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero); // Ouagadougou is UTC+0
            query = query.Where(e => e.At >= since);
        }

        if (to is { } end)
        {
            var before = new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(e => e.At < before);
        }

        return query;
    }

    /// <summary>"contains" for ILIKE, the wildcards typed by the user taken literally.</summary>
    private static string? Pattern(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? null
            : "%" + text.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    private static JournalRow Row(JournalEntry e) => new(
        e.At,
        e.ActorLastName is null ? "Système" : $"{e.ActorFirstNames} {e.ActorLastName.ToUpperInvariant()}",
        e.To is { } state ? $"{e.Action} (état : {state.Label()})" : e.Action,
        Kinds.FirstOrDefault(k => k.Key == e.Kind).One ?? e.Kind,
        e.Kind == AuditTargets.Request ? $"{e.TargetId} — {e.TargetLabel}" : e.TargetLabel,
        e.Kind switch
        {
            AuditTargets.Request => $"/back-office/demandes/{Uri.EscapeDataString(e.TargetId)}",
            AuditTargets.Procedure => $"/admin/demarches/{e.TargetId}",
            AuditTargets.Service => $"/admin/services/{e.TargetId}",
            AuditTargets.Category => $"/admin/categories/{e.TargetId}",
            AuditTargets.Staff or AuditTargets.SignIn => $"/admin/agents/{Uri.EscapeDataString(e.TargetId)}",
            Web.Competitions.CompetitionLock.AuditKind => Web.Competitions.CompetitionLock.AdminLink(e.TargetId),
            _ => null,
        });
}
