namespace EServices.Web.Workflow;

public sealed record MessageLine(DateTimeOffset At, string Author, bool FromStaff, bool IsPrivateNote, string Text);

/// <summary>Messages between staff and applicant, and staff's private notes. A message from staff is notified to the applicant (<see cref="Notices"/>).</summary>
public sealed class Conversation(AppDbContext db, Notices notices, TimeProvider clock)
{
    public async Task AddAsync(Request request, string authorId, bool fromStaff, bool privateNote, string text, CancellationToken ct)
    {
        db.RequestMessages.Add(new RequestMessage
        {
            RequestId = request.Id,
            AuthorId = authorId,
            FromStaff = fromStaff,
            IsPrivateNote = privateNote,
            At = clock.GetUtcNow(),
            Text = text.Trim(),
        });
        if (fromStaff && !privateNote)
        {
            var applicant = await db.Users.AsNoTracking().SingleAsync(u => u.Id == request.ApplicantId, ct);
            notices.EnqueueMessage(request, applicant, text.Trim());
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>The thread of a request; private notes only when <paramref name="withNotes"/>.</summary>
    public async Task<List<MessageLine>> ThreadAsync(Guid requestId, bool withNotes, CancellationToken ct)
    {
        var messages = await db.RequestMessages.AsNoTracking()
            .Where(m => m.RequestId == requestId && (withNotes || !m.IsPrivateNote))
            .OrderBy(m => m.At).ThenBy(m => m.Id)
            .Join(db.Users, m => m.AuthorId, u => u.Id, (m, u) => new { m.At, u.FirstNames, u.LastName, m.FromStaff, m.IsPrivateNote, m.Text })
            .ToListAsync(ct);
        return messages
            .Select(m => new MessageLine(m.At, m.FromStaff && !withNotes ? "L'administration" : $"{m.FirstNames} {m.LastName.ToUpperInvariant()}", m.FromStaff, m.IsPrivateNote, m.Text))
            .ToList();
    }
}
