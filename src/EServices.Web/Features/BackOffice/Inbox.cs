using System.Linq.Expressions;
using EServices.Web.Workflow;

namespace EServices.Web.Features.BackOffice;

public sealed class InboxCriteria
{
    public string Onglet { get; set; } = InboxTabs.ToTake;
    public string? Demarche { get; set; }
    public RequestStatus? Statut { get; set; }
    public DateOnly? Du { get; set; }
    public DateOnly? Au { get; set; }
    public string? Q { get; set; }

    /// <summary>A label's id: the requests that carry it.</summary>
    public int? Etiquette { get; set; }

    public int Page { get; set; } = 1;
}

/// <summary>The inbox's filters as a query string, so that a request opened from a filtered list knows its list: its page
/// links to the previous and next requests of that list, and « … et passer à la suivante » goes on in it.</summary>
public static class InboxList
{
    /// <summary>The list's query, with another tab or a page when given.</summary>
    public static string Query(InboxCriteria c, string? tab = null, int? page = null) => QueryString.Create(new Dictionary<string, string?>
    {
        ["onglet"] = tab ?? c.Onglet, ["demarche"] = c.Demarche, ["statut"] = c.Statut?.ToString(), ["du"] = c.Du?.ToString("yyyy-MM-dd"),
        ["au"] = c.Au?.ToString("yyyy-MM-dd"), ["q"] = c.Q, ["etiquette"] = c.Etiquette?.ToString(), ["page"] = page?.ToString(),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();

    /// <summary>The list a form carried back (<c>liste</c>, the query without its « ? »); values that cannot be read are left out.</summary>
    public static InboxCriteria? Read(string? list)
    {
        if (string.IsNullOrEmpty(list))
        {
            return null;
        }

        var q = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(list.StartsWith('?') ? list : "?" + list);
        string? One(string key) => q.TryGetValue(key, out var v) ? v.ToString() : null;
        DateOnly? Date(string key) => DateOnly.TryParseExact(One(key), "yyyy-MM-dd", out var d) ? d : null;
        return new InboxCriteria
        {
            Onglet = One("onglet") ?? InboxTabs.ToTake,
            Demarche = One("demarche"),
            Statut = Enum.TryParse<RequestStatus>(One("statut"), out var s) && Enum.IsDefined(s) && !int.TryParse(One("statut"), out _) ? s : null,
            Du = Date("du"),
            Au = Date("au"),
            Q = One("q"),
            Etiquette = int.TryParse(One("etiquette"), System.Globalization.NumberStyles.None, null, out var e) ? e : null,
        };
    }
}

/// <summary>Where a request stands in the list it was opened from: the requests before and after it in the inbox's order.</summary>
public sealed record ListNavigation(string Query, string? Previous, string? Next);

public static class InboxTabs
{
    public const string ToTake = "a-prendre";
    public const string Mine = "mes-dossiers";
    public const string Waiting = "en-attente";
    public const string Overdue = "en-retard";
    public const string Done = "traitees";

    public static readonly (string Key, string Label)[] All =
    [
        (ToTake, "À prendre"), (Mine, "Mes dossiers en cours"), (Waiting, "En attente du demandeur"), (Overdue, "En retard"), (Done, "Traitées"),
    ];
}

public sealed record InboxRow(
    string Number, string ProcedureTitle, string ApplicantName, DateTimeOffset SubmittedAt, DateOnly? DueOn, string? Assignee, RequestStatus Status, bool Overdue,
    IReadOnlyList<LabelChip> Labels);

public sealed record InboxPage(
    InboxCriteria Criteria,
    IReadOnlyDictionary<string, int> Counts,
    int Total,
    int Page,
    int PageCount,
    IReadOnlyList<InboxRow> Rows,
    IReadOnlyList<(string Slug, string Title)> Procedures,
    IReadOnlyList<(string Id, string Name)> Colleagues,
    IReadOnlyList<LabelChip> Labels);

/// <summary>The back-office inbox: tabs with counts, filters, sorted by due date, paged.</summary>
public sealed class InboxQuery(AppDbContext db, StaffScope scope, LabelScope labels, TimeProvider clock)
{
    public const int PageSize = 20;

    public async Task<InboxPage> RunAsync(ClaimsPrincipal user, InboxCriteria criteria, CancellationToken ct)
    {
        var today = Today;
        var visible = (await scope.RequestsAsync(user, ct)).AsNoTracking();

        // The five tab counts in one statement of five scalar COUNTs, each under the tab's own rule and each an index-only
        // scan (one GROUP BY of every visible request by status, mine and late hashed 100 000 rows per page). The signed-in
        // member of staff's row is only the one-row source such a statement needs.
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var toTake = Tab(visible, InboxTabs.ToTake, user);
        var mine = Tab(visible, InboxTabs.Mine, user);
        var waiting = Tab(visible, InboxTabs.Waiting, user);
        var overdue = Tab(visible, InboxTabs.Overdue, user);
        var done = Tab(visible, InboxTabs.Done, user);
        var found = await db.Users.Where(u => u.Id == userId)
            .Select(u => new[] { toTake.Count(), mine.Count(), waiting.Count(), overdue.Count(), done.Count() })
            .FirstOrDefaultAsync(ct) ?? new int[InboxTabs.All.Length];
        var counts = new Dictionary<string, int>
        {
            [InboxTabs.ToTake] = found[0], [InboxTabs.Mine] = found[1], [InboxTabs.Waiting] = found[2], [InboxTabs.Overdue] = found[3], [InboxTabs.Done] = found[4],
        };

        var tab = Tab(visible, criteria.Onglet, user);
        var query = Filter(tab, criteria);
        // Filter returns the tab itself when no filter applies: the list is then the whole tab, already counted above.
        var total = ReferenceEquals(query, tab) ? counts[TabKey(criteria.Onglet)] : await query.CountAsync(ct);
        var pageCount = Math.Max(1, (int)Math.Ceiling(total / (double)PageSize));
        var page = Math.Clamp(criteria.Page, 1, pageCount);
        var rows = await InInboxOrder(query)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(Line)
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var placed = await labels.PlacedAsync(db.RequestLabels.Where(l => ids.Contains(l.RequestId)), ct);
        var procedures = await db.Procedures.AsNoTracking().Where(p => p.PublishedFormVersionId != null).OrderBy(p => p.Title)
            .Select(p => new { p.Slug, p.Title }).ToListAsync(ct);

        var services = await scope.ServiceIdsAsync(user, ct);
        var colleagues = await db.ServiceMembers.AsNoTracking()
            .Where(m => user.IsInRole(Roles.Admin) || services.Contains(m.ServiceId))
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.FirstNames, u.LastName })
            .Distinct()
            .OrderBy(u => u.LastName)
            .ToListAsync(ct);

        return new InboxPage(
            criteria,
            counts,
            total,
            page,
            pageCount,
            rows.Select(r => new InboxRow(r.Number!, r.Title, r.ApplicantName ?? "", r.SubmittedAt!.Value, r.DueOn, r.Assignee, r.Status,
                RequestStates.IsOverdue(r.Status, r.DueOn, today), [.. placed[r.Id]])).ToList(),
            procedures.Select(p => (p.Slug, p.Title)).ToList(),
            colleagues.Select(u => (u.Id, $"{u.FirstNames} {u.LastName.ToUpperInvariant()}")).ToList(),
            await labels.InServicesAsync(user.IsInRole(Roles.Admin) ? null : services, ct)); // the services read for the colleagues
    }

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>What the inbox and its export show of a request, the assigned agent's name read in the same query.</summary>
    public Expression<Func<Request, InboxLine>> Line =>
        r => new InboxLine(r.Id, r.Number, r.Procedure.Title, r.Procedure.Service.Code, r.ApplicantName, r.SubmittedAt, r.DueOn,
            db.Users.Where(u => u.Id == r.AssigneeId).Select(u => u.FirstNames + " " + u.LastName).FirstOrDefault(), r.Status);

    /// <summary>The requests of the chosen tab with the filters applied, in the inbox's order and unpaged (for the export).</summary>
    public async Task<IQueryable<Request>> FilteredAsync(ClaimsPrincipal user, InboxCriteria criteria, CancellationToken ct)
    {
        var visible = (await scope.RequestsAsync(user, ct)).AsNoTracking();
        return InInboxOrder(Filter(Tab(visible, criteria.Onglet, user), criteria));
    }

    /// <summary>The requests just before and just after <paramref name="number"/> in the list (its tab and filters, the
    /// inbox's order: due date, no date last, then filing time), found from its place even once it has left the list (taken,
    /// decided): each is one index walk, whatever the list's length.</summary>
    public async Task<ListNavigation> NeighboursAsync(ClaimsPrincipal user, InboxCriteria criteria, string number, CancellationToken ct)
    {
        var visible = (await scope.RequestsAsync(user, ct)).AsNoTracking();
        var query = InboxList.Query(criteria);
        var current = await visible.Where(r => r.Number == number).Select(r => new { r.DueOn, r.SubmittedAt }).FirstOrDefaultAsync(ct);
        if (current is null)
        {
            return new(query, null, null);
        }

        var list = Filter(Tab(visible, criteria.Onglet, user), criteria);
        var at = current.SubmittedAt;
        var (after, before) = current.DueOn is { } due
            ? (list.Where(r => r.DueOn == null || r.DueOn > due || (r.DueOn == due && r.SubmittedAt > at)),
               list.Where(r => r.DueOn < due || (r.DueOn == due && r.SubmittedAt < at)))
            : (list.Where(r => r.DueOn == null && r.SubmittedAt > at),
               list.Where(r => r.DueOn != null || r.SubmittedAt < at));
        // PostgreSQL sorts NULL last going up and first going down: the order read backwards.
        var next = await InInboxOrder(after).Select(r => r.Number).FirstOrDefaultAsync(ct);
        var previous = await before.OrderByDescending(r => r.DueOn).ThenByDescending(r => r.SubmittedAt).Select(r => r.Number).FirstOrDefaultAsync(ct);
        return new(query, previous, next);
    }

    // Each tab's rule is matched by an index of the same shape (migration InboxIndexes), which keeps its rows in inbox order.
    private IQueryable<Request> Tab(IQueryable<Request> visible, string tab, ClaimsPrincipal user)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var today = Today;
        return TabKey(tab) switch
        {
            InboxTabs.Mine => visible.Where(r => r.AssigneeId == userId && r.Status == RequestStatus.UnderReview),
            InboxTabs.Waiting => visible.Where(r => r.Status == RequestStatus.CorrectionRequested),
            InboxTabs.Overdue => visible.Where(RequestStates.IsOverdue(today)),
            InboxTabs.Done => visible.Where(RequestStates.IsClosed),
            _ => visible.Where(r => r.Status == RequestStatus.Submitted),
        };
    }

    /// <summary>The tab shown for an <c>onglet</c> value: an unknown one shows "à prendre".</summary>
    private static string TabKey(string tab) => InboxTabs.All.Any(t => t.Key == tab) ? tab : InboxTabs.ToTake;

    // PostgreSQL sorts NULL after every date in ascending order, so requests without a due date come last without the
    // "due_on IS NULL" sort key, which no index could serve.
    private static IQueryable<Request> InInboxOrder(IQueryable<Request> query) =>
        query.OrderBy(r => r.DueOn).ThenBy(r => r.SubmittedAt);

    private IQueryable<Request> Filter(IQueryable<Request> query, InboxCriteria criteria)
    {
        if (criteria.Etiquette is { } label)
        {
            query = query.Where(r => db.RequestLabels.Any(l => l.RequestId == r.Id && l.LabelId == label));
        }

        if (!string.IsNullOrEmpty(criteria.Demarche))
        {
            query = query.Where(r => r.Procedure.Slug == criteria.Demarche);
        }

        if (criteria.Statut is { } status)
        {
            query = query.Where(r => r.Status == status);
        }

        if (criteria.Du is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(r => r.SubmittedAt >= start);
        }

        if (criteria.Au is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(r => r.SubmittedAt < end);
        }

        var text = criteria.Q?.Trim();
        if (!string.IsNullOrEmpty(text))
        {
            var pattern = "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            query = query.Where(r => EF.Functions.ILike(r.Number!, pattern)
                || EF.Functions.ILike(EF.Functions.Unaccent(r.ApplicantName!), EF.Functions.Unaccent(pattern)));
        }

        return query;
    }
}

public sealed record InboxLine(
    Guid Id, string? Number, string Title, string Service, string? ApplicantName, DateTimeOffset? SubmittedAt, DateOnly? DueOn, string? Assignee, RequestStatus Status);
