using EServices.Web.Competitions;
using EServices.Web.Infrastructure.Audit;
using EServices.Web.Infrastructure.Sms;
using FluentValidation;

namespace EServices.Web.Features.CompetitionResults;

/// <summary>« Publier les résultats »: irreversible. The public pages and the PDF list show the admitted candidates, and
/// each of them whose account has a confirmed number gets one SMS, queued in the same transaction as the publication:
/// a double click or a second node waits for the lock, finds the results published, and sends nothing more.</summary>
public static class PublishResults
{
    private const int Batch = 1000;

    public sealed class Form
    {
        public bool Confirm { get; set; }
    }

    public sealed class Validator : AbstractValidator<Form>
    {
        public Validator() =>
            RuleFor(f => f.Confirm).Equal(true).WithMessage("Cochez la case pour confirmer : la publication est définitive.");
    }

    public sealed class Handler(AppDbContext db, AuditLog audit, SmsOutbox sms, PublicLinks links, TimeProvider clock)
    {
        /// <summary>Null when there is no such competition; else a refusal, or "" once published.</summary>
        public async Task<string?> HandleAsync(int competitionId, CancellationToken ct)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var competition = await CompetitionLock.LockAsync(db, competitionId, ct);
            if (competition is null)
            {
                return null;
            }

            if (competition.ResultsPublishedAt is not null)
            {
                return ""; // a double click, or the other node, was first: published once, SMS sent once
            }

            if (ResultsLock.Refusal(competition) is { } refusal)
            {
                return refusal;
            }

            if (competition.ResultsImportedAt is null)
            {
                return "Importez d'abord la liste des admis.";
            }

            var now = clock.GetUtcNow();
            competition.ResultsPublishedAt = now;
            competition.UpdatedAt = now;
            var admitted = await db.Candidacies.AsNoTracking()
                .Where(c => c.CompetitionId == competitionId && c.Admitted)
                .Join(db.Users, c => c.ApplicantId, u => u.Id, (c, u) => new { c.RequestId, c.ExamNumber, u.PhoneNumber, u.PhoneNumberConfirmed })
                .ToListAsync(ct);
            audit.Record($"Résultats publiés : {ImportResults.Plural(admitted.Count, "admis")}", CompetitionLock.AuditKind,
                CompetitionLock.AuditId(competitionId), competition.Title);
            await db.SaveChangesAsync(ct);

            var link = links.To($"/resultats/{competition.Code}");
            foreach (var chunk in admitted.Where(a => a.PhoneNumberConfirmed).Chunk(Batch))
            {
                foreach (var candidate in chunk)
                {
                    sms.Enqueue(candidate.PhoneNumber, Text(candidate.ExamNumber!, competition.Title, link), SmsKind.Notice, candidate.RequestId);
                }

                // Saved by thousands and forgotten: 20 000 tracked SMS would only slow the save down.
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }

            await transaction.CommitAsync(ct);
            return "";
        }

        /// <summary>The exam number and « admis » first: a long title is what the two-part cut shortens.</summary>
        public static string Text(string examNumber, string title, string link) =>
            $"Résultats : n° {examNumber} ADMIS au concours « {title} ». Liste des admis : {link}";
    }
}
