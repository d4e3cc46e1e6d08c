using System.Text;
using EServices.Web.Infrastructure.Email;
using Microsoft.Extensions.Options;

namespace EServices.Web.Features.Deadlines;

public sealed class DeadlineOptions
{
    public const string Section = "Deadlines";

    /// <summary>The wait between passes of the deadlines' job.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The hour (UTC, Ouagadougou's time) from which a working day's digest goes out.</summary>
    public int DigestHour { get; set; } = 7;

    /// <summary>A request is soon due when its due date, or the last day before silence decides, is within this many working days.</summary>
    public int SoonDueWorkingDays { get; set; } = 2;
}

/// <summary>
/// Each head of service's e-mail of a working day: the requests of their services that the administration still has to
/// decide, late or soon due (by the due date or by the last day before silence decides), oldest deadline first, each
/// with its page. Sent once a day per person whichever node gets there first (the <see cref="DeadlineDigest"/> row is
/// the claim), and not at all when nothing is late or near.
/// </summary>
public sealed class DeadlineDigests(
    AppDbContext db, EmailOutbox email, WorkingCalendar calendar, PublicLinks links, IOptions<DeadlineOptions> options, TimeProvider clock)
{
    public const int MaxLines = 50;

    private sealed record Line(string Number, string Procedure, DateOnly? DueOn, SilenceRule Silence, DateOnly? SilenceOn, string? Assignee);

    /// <summary>Sends today's digests not sent yet, if today is a working day past the hour; returns how many were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (!calendar.IsWorkingDay(today) || now.UtcDateTime.Hour < options.Value.DigestHour)
        {
            return 0;
        }

        var soon = calendar.AddWorkingDays(today, options.Value.SoonDueWorkingDays);
        var heads = await db.UserRoles
            .Join(db.Roles.Where(r => r.Name == Roles.Supervisor), ur => ur.RoleId, r => r.Id, (ur, r) => ur.UserId)
            .Join(db.Users, id => id, u => u.Id, (id, u) => u)
            .Where(u => u.Email != null && (u.LockoutEnd == null || u.LockoutEnd < now))
            .Where(u => !db.DeadlineDigests.Any(d => d.UserId == u.Id && d.Day == today))
            .Select(u => new { u.Id, u.Email, u.FirstNames })
            .ToListAsync(ct);
        var sent = 0;
        foreach (var head in heads)
        {
            var services = db.ServiceMembers.Where(m => m.UserId == head.Id).Select(m => m.ServiceId);
            var watched = db.Requests.AsNoTracking()
                .Where(r => services.Contains(r.Procedure.ServiceId) && !r.IsTest && RequestStates.WithAdministration.Contains(r.Status))
                .Where(r => r.DueOn <= soon || r.SilenceOn <= soon);
            var total = await watched.CountAsync(ct);
            var lines = await watched
                .OrderBy(r => r.DueOn < r.SilenceOn || r.SilenceOn == null ? r.DueOn : r.SilenceOn).ThenBy(r => r.SubmittedAt)
                .Take(MaxLines)
                .Select(r => new Line(r.Number!, r.Procedure.Title, r.DueOn, r.Silence, r.SilenceOn,
                    db.Users.Where(u => u.Id == r.AssigneeId).Select(u => u.FirstNames + " " + u.LastName.ToUpper()).FirstOrDefault()))
                .ToListAsync(ct);

            db.DeadlineDigests.Add(new DeadlineDigest { UserId = head.Id, Day = today, SentAt = now });
            if (total > 0)
            {
                email.Enqueue(head.Email!, $"Échéances du {today:dd/MM/yyyy} : {total} demande(s) à décider", Body(head.FirstNames, today, lines, total));
            }

            try
            {
                await db.SaveChangesAsync(ct);
                sent += total > 0 ? 1 : 0;
            }
            catch (DbUpdateException saving) when (saving.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
            {
                db.ChangeTracker.Clear(); // another node sent this person's digest first
            }
        }

        return sent;
    }

    private string Body(string firstNames, DateOnly today, IReadOnlyList<Line> lines, int total)
    {
        var text = new StringBuilder($"Bonjour {firstNames},\n\n");
        void Section(string title, IEnumerable<Line> section)
        {
            var list = section.ToList();
            if (list.Count == 0)
            {
                return;
            }

            text.Append($"{title} ({list.Count}) :\n");
            foreach (var line in list)
            {
                text.Append($"- {line.Number} — {line.Procedure} — {State(line)} — {line.Assignee ?? "non attribuée"}\n  {links.To($"/back-office/demandes/{line.Number}")}\n");
            }

            text.Append('\n');
        }

        Section("En retard", lines.Where(l => l.DueOn < today));
        Section("À décider bientôt", lines.Where(l => !(l.DueOn < today)));
        if (total > lines.Count)
        {
            text.Append($"… et {total - lines.Count} autre(s) : voyez la boîte de réception, onglet « En retard ».\n\n");
        }

        text.Append($"Boîte de réception : {links.To("/back-office?onglet=en-retard")}\n\nLes e-services de la Fonction publique");
        return text.ToString();

        string State(Line line)
        {
            var due = line.DueOn is { } d ? (d < today ? $"échéance dépassée du {d:dd/MM/yyyy}" : $"échéance le {d:dd/MM/yyyy}") : "sans échéance";
            return line.SilenceOn is { } last
                ? $"{due} ; sans décision le {last:dd/MM/yyyy} au soir, {(line.Silence == SilenceRule.Acceptance ? "acceptée" : "rejetée")} par décision implicite"
                : due;
        }
    }
}
