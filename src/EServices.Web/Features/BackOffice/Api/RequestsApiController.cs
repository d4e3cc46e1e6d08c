using System.Buffers.Text;
using System.Globalization;
using System.Text;
using EServices.Web.Infrastructure.Api;
using EServices.Web.Infrastructure.Storage;
using EServices.Web.Workflow;
using FluentValidation;

namespace EServices.Web.Features.BackOffice.Api;

/// <summary>
/// The back-office for other systems (/api/v1): a client registered for a service reads what that service's agents read
/// and, with the scope <c>eservices.decide</c>, makes their moves through the same handlers, state machine and journal.
/// Anything outside its service is « introuvable » (404), never « interdit », as in the back-office.
/// </summary>
[ApiController]
[Route("api/v1")]
[Authorize(Policy = ApiPolicies.Read)]
[IgnoreAntiforgeryToken] // a bearer token only: no cookie opens these routes, so no page can make a call for its visitor
[ServiceFilter<ApiCaller>]
[RequestSizeLimit(64 * 1024)] // the longest body, a correction request, is a few kilobytes
[ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
public sealed class RequestsApiController(RequestFileQuery file, StaffScope scope, AppDbContext db) : ControllerBase
{
    private const int PageSize = 50;
    private const int MaxPageSize = 200;
    private const string Incomplete = "La demande d'action n'est pas complète ou pas valable : voir « errors ».";

    [HttpGet("demarches")]
    [EndpointSummary("Les démarches du service")]
    [EndpointDescription("Chaque démarche du service du client, avec les champs de son formulaire publié (clé, libellé, type).")]
    public async Task<ActionResult<IReadOnlyList<ApiProcedure>>> Procedures(CancellationToken ct)
    {
        var services = await scope.ServiceIdsAsync(User, ct);
        var procedures = await db.Procedures.AsNoTracking().Where(p => services.Contains(p.ServiceId)).OrderBy(p => p.Title)
            .Select(p => new { p.Id, p.Slug, p.Title, p.Summary, p.FeeXof, p.TargetDelayDays, p.ClosedAt, Form = p.PublishedFormVersion })
            .ToListAsync(ct);
        return procedures.Select(p => new ApiProcedure(p.Id, p.Slug, p.Title, p.Summary, p.FeeXof, p.TargetDelayDays, p.ClosedAt is null && p.Form is not null,
            p.Form?.Parse().AnswerFields.Select(f => new ApiField(f.Key, f.Label, f.Type.ToString().ToLowerInvariant(), f.Required)).ToList() ?? [])).ToList();
    }

    [HttpGet("demandes")]
    [EndpointSummary("Les demandes du service, par date de modification")]
    [EndpointDescription("Les demandes déposées du service, de la moins récemment modifiée à la plus récente, par pages. "
        + "Filtres : statut (deposee, en_instruction, complement_demande, acceptee, rejetee, classee_sans_suite), demarche (slug), "
        + "depuis (modifiées à partir de cette date ISO 8601). « suivante » donne la valeur de « apres » pour la page suivante.")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<ActionResult<ApiRequestPage>> Requests(
        string? statut, string? demarche, DateTimeOffset? depuis, string? apres, int? taille, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var repeated in Request.Query.Where(q => q.Value.Count > 1))
        {
            errors[repeated.Key] = [$"« {repeated.Key} » est donné {repeated.Value.Count} fois : donnez-le une seule fois."];
        }

        RequestStatus? status = null;
        if (statut is not null)
        {
            status = ApiCodes.Statuses.Where(s => s.Value == statut).Select(s => (RequestStatus?)s.Key).FirstOrDefault();
            if (status is null)
            {
                errors["statut"] = [$"Statut inconnu : choisissez parmi {string.Join(", ", ApiCodes.Statuses.Values)}."];
            }
        }

        var services = await scope.ServiceIdsAsync(User, ct);
        int? procedureId = null;
        if (demarche is not null)
        {
            procedureId = await db.Procedures.Where(p => p.Slug == demarche && services.Contains(p.ServiceId)).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
            if (procedureId is null)
            {
                errors["demarche"] = ["Aucune démarche du service n'a cet identifiant : voir /api/v1/demarches."];
            }
        }

        var after = apres is null ? null : Cursor.Read(apres);
        if (apres is not null && after is null)
        {
            errors["apres"] = ["Curseur illisible : reprenez la valeur « suivante » de la page précédente."];
        }

        if (taille is < 1 or > MaxPageSize)
        {
            errors["taille"] = [$"La taille d'une page va de 1 à {MaxPageSize}."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(HttpContext, errors, "Des paramètres de la requête sont invalides : voir « errors ».");
        }

        var requests = (await scope.RequestsAsync(User, ct)).AsNoTracking();
        if (status is { } s)
        {
            requests = requests.Where(r => r.Status == s);
        }

        if (procedureId is { } id)
        {
            requests = requests.Where(r => r.ProcedureId == id);
        }

        if (depuis is { } since)
        {
            requests = requests.Where(r => r.UpdatedAt >= since.ToUniversalTime());
        }

        if (after is var (at, number))
        {
            requests = requests.Where(r => r.UpdatedAt > at || (r.UpdatedAt == at && string.Compare(r.Number, number) > 0));
        }

        var size = taille ?? PageSize;
        var page = await requests.OrderBy(r => r.UpdatedAt).ThenBy(r => r.Number).Take(size + 1)
            .Select(r => new
            {
                r.Number, r.Procedure.Slug, r.Procedure.Title, r.Status, r.SubmittedAt, r.UpdatedAt, r.DueOn, r.Version, r.IsTest,
                Applicant = r.ApplicantName ?? db.Users.Where(u => u.Id == r.ApplicantId).Select(u => u.FirstNames + " " + u.LastName.ToUpper()).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var shown = page.Take(size).ToList();
        return new ApiRequestPage(
            shown.Select(r => new ApiRequestSummary(r.Number!, r.Slug, r.Title, ApiCodes.Status(r.Status), r.Status.Label(), r.SubmittedAt!.Value, r.UpdatedAt,
                r.DueOn, r.Applicant ?? "", r.Version, r.IsTest)).ToList(),
            page.Count > size ? Cursor.Write(shown[^1].UpdatedAt, shown[^1].Number!) : null);
    }

    [HttpGet("demandes/{numero}")]
    [EndpointSummary("Une demande")]
    [EndpointDescription("Les réponses, les pièces, l'historique, les messages et notes, les documents délivrés, les paiements, "
        + "la version à renvoyer avec une décision et les actions permises maintenant.")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult<ApiRequestDetail>> Detail(string numero, CancellationToken ct) =>
        await DetailAsync(numero, ct) is { } detail ? detail : NotFoundProblem();

    [HttpGet("pieces/{id:guid}")]
    [EndpointSummary("Le fichier d'une pièce jointe")]
    [Produces("application/pdf", "image/jpeg", "image/png")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Attachment(Guid id, [FromServices] VisibleFilesHandler files, [FromServices] FileStorage storage, CancellationToken ct) =>
        await files.AttachmentAsync(User, id, ct) is { } a ? this.Download(storage.Open(a.StorageKey), a.ContentType, a.FileName) : NotFoundProblem();

    [HttpGet("documents/{id:guid}")]
    [EndpointSummary("Un document délivré (PDF signé)")]
    [Produces("application/pdf")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Document(Guid id, [FromServices] VisibleFilesHandler files, CancellationToken ct) =>
        await files.DocumentAsync(User, id, ct) is { } d ? this.Download(d.Pdf, "application/pdf", $"{d.Number}.pdf") : NotFoundProblem();

    [HttpPost("demandes/{numero}/prendre")]
    [Authorize(Policy = ApiPolicies.Decide)]
    [EndpointSummary("Prendre la demande en instruction")]
    public Task<ActionResult<ApiRequestDetail>> Take(string numero, ApiMove move, [FromServices] Take.Handler take, CancellationToken ct) =>
        MoveAsync(numero, move, v => new Take.Command(numero, v), take.RunAsync, ct);

    [HttpPost("demandes/{numero}/complement")]
    [Authorize(Policy = ApiPolicies.Decide)]
    [EndpointSummary("Demander un complément au demandeur")]
    [EndpointDescription("champs : les clés des réponses et pièces à corriger ; message : ce que le demandeur lit ; echeance : date limite (AAAA-MM-JJ).")]
    public Task<ActionResult<ApiRequestDetail>> RequestCorrection(
        string numero, ApiCorrectionMove move, [FromServices] RequestCorrection.Handler correction, CancellationToken ct) =>
        MoveAsync(numero, move, v => new RequestCorrection.Command(numero, v, move.Champs ?? [], move.Message, move.Echeance), correction.RunAsync, ct);

    [HttpPost("demandes/{numero}/accepter")]
    [Authorize(Policy = ApiPolicies.Decide)]
    [EndpointSummary("Accepter la demande (l'acte est délivré dans la même transaction)")]
    public Task<ActionResult<ApiRequestDetail>> Accept(string numero, ApiMove move, [FromServices] Accept.Handler accept, CancellationToken ct) =>
        MoveAsync(numero, move, v => new Accept.Command(numero, v), accept.RunAsync, ct);

    [HttpPost("demandes/{numero}/rejeter")]
    [Authorize(Policy = ApiPolicies.Decide)]
    [EndpointSummary("Rejeter la demande avec un motif (la lettre de refus est délivrée)")]
    public Task<ActionResult<ApiRequestDetail>> Reject(string numero, ApiRejectionMove move, [FromServices] Reject.Handler reject, CancellationToken ct) =>
        MoveAsync(numero, move, v => new Reject.Command(numero, v, move.Motif), reject.RunAsync, ct);

    [HttpPost("demandes/{numero}/messages")]
    [Authorize(Policy = ApiPolicies.Decide)]
    [EndpointSummary("Écrire au demandeur")]
    public async Task<ActionResult<ApiRequestDetail>> Write(string numero, ApiNewMessage message, [FromServices] Write.Handler write, CancellationToken ct) =>
        await RunAsync(numero, new Write.Command(numero, message.Texte, PrivateNote: false), write.RunAsync, ct);

    /// <summary>A move needs the version the client read: of two decisions made together, exactly one wins.</summary>
    private async Task<ActionResult<ApiRequestDetail>> MoveAsync<TCommand>(
        string numero, ApiMove move, Func<uint, TCommand> command, Func<ClaimsPrincipal, TCommand, CancellationToken, Task<Decision>> handler, CancellationToken ct) =>
        move.Version is { } version
            ? await RunAsync(numero, command(version), handler, ct)
            : Invalid("version", "Indiquez la version de la demande que vous avez lue (champ « version » de son détail).");

    /// <summary>The back-office's validator, then its handler; the outcome as the detail, or as a problem.</summary>
    private async Task<ActionResult<ApiRequestDetail>> RunAsync<TCommand>(
        string numero, TCommand command, Func<ClaimsPrincipal, TCommand, CancellationToken, Task<Decision>> handler, CancellationToken ct)
    {
        if (HttpContext.RequestServices.GetService<IValidator<TCommand>>() is { } validator
            && await validator.ValidateAsync(command, ct) is { IsValid: false } result)
        {
            return ApiProblems.Invalid(HttpContext, result.Errors.GroupBy(e => e.PropertyName)
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()), Incomplete);
        }

        var decision = await handler(User, command, ct);
        return decision.Outcome switch
        {
            DecisionOutcome.Done => await DetailAsync(numero, ct) is { } detail ? detail : NotFoundProblem(), // moved out of the service (never by these moves)
            DecisionOutcome.NotFound => NotFoundProblem(),
            DecisionOutcome.Invalid => Invalid(decision.Field!, decision.Message),
            _ => ApiProblems.Result(HttpContext, StatusCodes.Status409Conflict, decision.Message),
        };
    }

    private async Task<ApiRequestDetail?> DetailAsync(string numero, CancellationToken ct)
    {
        if (await file.RunAsync(User, numero, ct) is not { } page)
        {
            return null;
        }

        var payments = await db.Payments.AsNoTracking().Where(p => db.Requests.Any(r => r.Number == numero && r.Id == p.RequestId))
            .OrderBy(p => p.CreatedAt).ToListAsync(ct);
        return ApiRequestDetail.From(page, payments.Select(p => new ApiPayment(p.Amount, ApiCodes.Payment(p.Status), p.Method, p.Reference, p.PaidAt, p.RefundedAt)).ToList());
    }

    private ObjectResult NotFoundProblem() =>
        ApiProblems.Result(HttpContext, StatusCodes.Status404NotFound, "Aucune demande, pièce ou document de ce service ne porte ce numéro.");

    private ObjectResult Invalid(string field, string message) =>
        ApiProblems.Invalid(HttpContext, new Dictionary<string, string[]> { [field] = [message] }, Incomplete);

    /// <summary>Where a page ends: the last request's modification time and number, opaque to the client (base64url).</summary>
    private static class Cursor
    {
        public static string Write(DateTimeOffset at, string number) =>
            Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{at.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{number}"));

        public static (DateTimeOffset At, string Number)? Read(string cursor)
        {
            try
            {
                var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
                var parts = text.Split('|', 2);
                return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                    && ticks <= DateTimeOffset.MaxValue.UtcTicks && parts[1].Length is > 0 and <= 40 && parts[1].All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
                    ? (new DateTimeOffset(ticks, TimeSpan.Zero), parts[1]) : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
