using EServices.Web.Competitions;

namespace EServices.Web.Features.Competitions;

/// <summary>
/// The candidate chooses (or, once filed, changes) their exam centre. A draft keeps its choice in the answer
/// « centre_composition » only and takes no seat (« Payer et déposer » takes it); a centre full right now is refused all
/// the same. A filed application holds its seat: a change moves it, the candidacy's centre and the answer in one commit,
/// and the database keeps each centre within its capacity (a trigger moves the place, a check constraint refuses the one
/// too many), so a centre filled a moment ago is refused whichever node served it.
/// </summary>
public static class ChooseCentre
{
    public const string Choose = "Choisissez un centre de composition dans la liste.";
    public const string Full = Candidacies.CentreTaken;

    /// <summary>Why the choice was not kept (told next to it), or why nothing may change any more; neither: kept.</summary>
    public sealed record Result(string? Error = null, string? Refusal = null);

    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(Application application, string? centre, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            if (Candidacies.WindowRefusal(application.Competition, now) is { } refusal)
            {
                return new Result(Refusal: refusal);
            }

            var chosen = int.TryParse(centre, out var id) ? application.Competition.Centres.FirstOrDefault(c => c.Id == id) : null;
            if (chosen is null)
            {
                return new Result(Choose);
            }

            var candidacy = application.Candidacy;
            if (chosen.Id == candidacy.CentreId)
            {
                return new Result();
            }

            // A draft's choice holds nothing: the centre it chose may have filled since.
            if (chosen.PlacesLeft == 0)
            {
                return new Result(Full);
            }

            if (chosen.Id == application.ChosenCentre?.Id)
            {
                return new Result();
            }

            var request = application.Request;
            var answers = request.ReadAnswers();
            answers.Set("centre_composition", chosen.Name);
            if (request.Status == RequestStatus.Draft)
            {
                request.SaveAnswers(answers, 1, now);
            }
            else
            {
                request.Amend(answers, request.ApplicantId, now, $"Centre de composition changé : {chosen.Name}");
                candidacy.CentreId = chosen.Id;
                candidacy.UpdatedAt = now;
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (Candidacies.Conflict(e) is { } conflict)
            {
                db.ChangeTracker.Clear();
                return new Result(conflict);
            }

            return new Result();
        }
    }
}
