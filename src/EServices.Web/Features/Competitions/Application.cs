using EServices.Web.Competitions;
using EServices.Web.Forms;

namespace EServices.Web.Features.Competitions;

/// <summary>A candidate's application as its pages need it: the request (draft, then filed), its candidacy row and the
/// competition with its centres, all tracked, so that a change to the candidacy is saved with the answers (untracked for
/// the pages that only show it).</summary>
public sealed record Application(Request Request, Candidacy Candidacy, Competition Competition)
{
    /// <summary>The registration form's version this application answers, parsed once for all its pages.</summary>
    public FormDefinition Form { get; } = Request.FormVersion.Parse();

    /// <summary>The steps of the registration form the candidate fills here, whatever the form's layout: all but the first,
    /// which these pages write (the competition and the centre).</summary>
    public IReadOnlyList<int> Steps => [.. Enumerable.Range(2, Math.Max(0, Form.Steps.Count - 1))];

    /// <summary>The steps « Modifier ma candidature » reopens after filing: those without documents (identity, diploma).</summary>
    public IReadOnlyList<int> AmendableSteps => [.. Steps.Where(i => !Form.Steps[i - 1].Fields.Any(f => f.Kind.Shape == AnswerShape.File))];

    public Guid Id => Request.Id;

    /// <summary>The centre the candidate chose: the answer « centre_composition » (centre names are unique per competition).
    /// A draft holds no seat there; « Payer et déposer » takes it, and from then on the candidacy's centre is this one.</summary>
    public ExamCentre? ChosenCentre =>
        Request.ReadAnswers().Get("centre_composition") is { } name ? Competition.Centres.FirstOrDefault(c => c.Name == name) : null;

    /// <summary>The documents the candidate may join for this competition: those it requires, and the form's own two.</summary>
    public bool Asks(FormField field) =>
        field.Kind.Shape != AnswerShape.File || field.Required || Competition.RequiredDocuments.Contains(field.Key);

    /// <summary>The form's step as this competition asks it: the documents it does not ask for left out, those it requires
    /// made required (so that their absence is told next to them).</summary>
    public FormStep Step(int index)
    {
        var step = Form.Steps[index - 1];
        return step with
        {
            Fields = [.. step.Fields.Where(Asks).Select(f => Competition.RequiredDocuments.Contains(f.Key) ? f with { Required = true } : f)],
        };
    }

    /// <summary>Where the candidate goes on: the first step not done, then the centre, then the review.</summary>
    public string Next() =>
        Steps.FirstOrDefault(i => Request.CompletedSteps < i) is var step and > 0 ? $"/candidatures/{Id}/etapes/{step}"
        : ChosenCentre is null ? $"/candidatures/{Id}/centre"
        : $"/candidatures/{Id}/recapitulatif";

    /// <summary>Why the application cannot be paid and filed as it is, besides the form's own checks (Review.Build): each
    /// condition the answers do not meet, a required document missing, no centre.</summary>
    public IReadOnlyList<string> Problems()
    {
        var answers = Request.ReadAnswers();
        var problems = Candidacies.Check(Competition, answers).Select(i => i.Reason).ToList();
        problems.AddRange(Competition.RequiredDocuments.Where(key => string.IsNullOrEmpty(answers.Get(key)))
            .Select(key => $"Joignez « {CompetitionDocuments.All.GetValueOrDefault(key, key)} » : ce concours l'exige."));
        if (ChosenCentre is null)
        {
            problems.Add("Choisissez votre centre de composition.");
        }

        return problems;
    }

    /// <summary>The pages of the application, in order, for its progress line.</summary>
    public IReadOnlyList<string> PageTitles() =>
        [.. Form.Steps.Skip(1).Select(s => s.Title), "Centre de composition", "Récapitulatif"];
}

/// <summary>The application, or where to go instead (a filed one to its changes, one waiting for its payment to its
/// payment page); neither: not found.</summary>
public sealed record OpenedApplication(Application? Draft, string? Elsewhere);

/// <summary>Finds the candidate's own application; anyone else's, or a request that is no application, is not found.</summary>
public sealed class ApplicationQuery(AppDbContext db, DraftSteps steps)
{
    /// <summary>The candidate's filed application while nobody has taken it: its centre and answers may still change.</summary>
    public async Task<OpenedApplication> OpenFiledAsync(Guid id, string applicantId, CancellationToken ct) =>
        await FindAsync(id, applicantId, ct) switch
        {
            null => new(null, null),
            { Request.Status: RequestStatus.Draft } => new(null, $"/candidatures/{id}"),
            { Request.Status: not RequestStatus.Submitted } application => new(null, $"/mes-demandes/{application.Request.Number}"),
            var application => new(application, null),
        };

    /// <summary>The candidate's application while it is a draft whose form may change.</summary>
    public async Task<OpenedApplication> OpenDraftAsync(Guid id, string applicantId, CancellationToken ct) =>
        Draft(id, await FindAsync(id, applicantId, ct));

    /// <summary>The same, for a page that only shows it: nothing tracked (see <see cref="DraftSteps.FindToShowAsync"/>).</summary>
    public async Task<OpenedApplication> OpenDraftToShowAsync(Guid id, string applicantId, CancellationToken ct) =>
        Draft(id, await FindAsync(id, applicantId, tracked: false, ct));

    public Task<Application?> FindAsync(Guid id, string applicantId, CancellationToken ct) => FindAsync(id, applicantId, tracked: true, ct);

    private static OpenedApplication Draft(Guid id, Application? application) => application switch
    {
        null => new(null, null),
        { Request.Status: not RequestStatus.Draft } => new(null, $"/candidatures/{id}/modifier"),
        { Request.IsAwaitingPayment: true } => new(null, $"/brouillons/{id}/paiement"),
        _ => new(application, null),
    };

    private async Task<Application?> FindAsync(Guid id, string applicantId, bool tracked, CancellationToken ct)
    {
        var request = tracked ? await steps.FindAsync(id, applicantId, ct) : await steps.FindToShowAsync(id, applicantId, ct);
        if (request is null)
        {
            return null;
        }

        var candidacies = tracked ? db.Candidacies : db.Candidacies.AsNoTracking();
        var candidacy = await candidacies
            .Include(c => c.Competition).ThenInclude(c => c.Centres.OrderBy(x => x.Name))
            .SingleOrDefaultAsync(c => c.RequestId == id, ct);
        return candidacy is null ? null : new Application(request, candidacy, candidacy.Competition);
    }
}
