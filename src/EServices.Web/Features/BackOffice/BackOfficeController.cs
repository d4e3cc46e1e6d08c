using System.Security.Claims;
using EServices.Web.Data;
using EServices.Web.Documents;
using EServices.Web.Infrastructure;
using EServices.Web.Infrastructure.Storage;
using EServices.Web.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace EServices.Web.Features.BackOffice;

/// <summary>Civil servants process requests: inbox, request file, and one POST per move of the state machine.</summary>
[Authorize(Policy = AuthorizationPolicies.BackOffice)]
[Route("back-office")]
public sealed class BackOfficeController(
    InboxQuery inbox, RequestFileQuery file, Decide decide, IssueCertificate certificates, Conversation conversation, StaffScope scope, FileStorage storage, AppDbContext db, TimeProvider clock,
    Infrastructure.Audit.AuditLog audit, StatusEmail email)
    : Controller
{
    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    [HttpGet("")]
    public async Task<IActionResult> Inbox([FromQuery] InboxCriteria criteria, CancellationToken ct) =>
        View(await inbox.RunAsync(User, criteria, ct));

    /// <summary>One action on the selected rows: each request moves on its own (event, e-mail), and a row that
    /// cannot move is reported without undoing the others.</summary>
    [HttpPost("lot")]
    [RecentSecondFactor("accepter ou rejeter les demandes cochées")]
    public async Task<IActionResult> Bulk(BulkAction bulk, InboxCriteria criteria, CancellationToken ct)
    {
        var supervisor = User.IsInRole(Roles.Supervisor) || User.IsInRole(Roles.Admin);
        var problems = bulk.Problems(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), supervisor);
        if (problems.Count > 0)
        {
            foreach (var (field, message) in problems)
            {
                ModelState.AddModelError(field, message);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            ViewData["Bulk"] = bulk;
            return View("Inbox", await inbox.RunAsync(User, criteria, ct));
        }

        var agentName = bulk.Operation == BulkAction.Assign
            ? await db.Users.Where(u => u.Id == bulk.Agent).Select(u => u.FirstNames + " " + u.LastName.ToUpper()).FirstOrDefaultAsync(ct)
            : null;
        var results = new List<(string Number, bool Done, string Message)>();
        foreach (var number in bulk.Numeros.Distinct())
        {
            Action<Domain.Requests.Request, DateTimeOffset> move = bulk.Operation switch
            {
                BulkAction.Take => (r, now) => r.Take(UserId, now),
                BulkAction.Assign => (r, now) =>
                {
                    if (agentName is null || !db.ServiceMembers.Any(m => m.UserId == bulk.Agent && m.ServiceId == r.Procedure.ServiceId))
                    {
                        throw new InvalidTransitionException("L'agent choisi n'appartient pas au service de cette demande.");
                    }

                    r.Assign(UserId, bulk.Agent!, agentName, now);
                },
                BulkAction.Correction => (r, now) => r.RequestCorrection(
                    UserId,
                    r.FormVersion.Parse().AnswerFields.Where(f => f.Type == EServices.Web.Domain.Forms.FieldType.File).Select(f => f.Key).ToList(),
                    bulk.Message!,
                    bulk.Echeance!.Value,
                    now),
                BulkAction.Accept => (r, now) => r.Accept(UserId, now),
                _ => (r, now) => r.Reject(UserId, bulk.Motif!, now),
            };
            var (outcome, message) = await decide.RunAsync(User, number, null, move, ct, IssueDecisionDocument(ct));
            results.Add((number, outcome == DecisionOutcome.Done, outcome == DecisionOutcome.NotFound ? "Demande introuvable." : message));
            db.ChangeTracker.Clear();
        }

        return View("BulkResult", results);
    }

    [HttpGet("demandes/{number}")]
    public async Task<IActionResult> Detail(string number, CancellationToken ct) =>
        await file.RunAsync(User, number, ct) is { } page ? View(page) : NotFound();

    /// <summary>The whole request on paper: answers, documents and timeline.</summary>
    [HttpGet("demandes/{number}/dossier.pdf")]
    public async Task<IActionResult> Summary(string number, CancellationToken ct)
    {
        if (await file.RunAsync(User, number, ct) is not { } page)
        {
            return NotFound();
        }

        var sections = page.Answers.Steps
            .Select(s => new SummarySection(s.Title, s.Items.Select(i => (i.Label, string.Join("\n", i.Lines))).ToList()))
            .Append(new SummarySection("Pièces jointes", page.Documents.Select(d => (d.Label, $"{d.FileName} ({ReceiptPdf.FormatSize(d.Size)})")).ToList()))
            .Append(new SummarySection("Historique", page.Timeline.Select(e => (e.At.ToString("dd/MM/yyyy HH:mm"), $"{e.Actor} : {e.To}. {e.Comment}")).ToList()))
            .Prepend(new SummarySection("Demandeur", [("Nom", page.ApplicantName), ("E-mail", page.ApplicantEmail ?? ""), ("Téléphone", page.ApplicantPhone ?? ""),
                ("Déposée le", page.SubmittedAt.ToString("dd/MM/yyyy HH:mm")), ("Échéance", page.DueOn is { } due ? EServices.Web.Domain.Forms.FieldRules.FormatDate(due) : "—"), ("Agent", page.Assignee ?? "—")]))
            .ToList();
        var service = await db.Services.Where(s => s.Id == page.ServiceId).Select(s => s.Name).SingleAsync(ct);
        var pdf = RequestSummaryPdf.Render(new RequestSummary(page.Number, page.ProcedureTitle, service, page.Status.Label(), sections));
        return this.Download(pdf, "application/pdf", $"dossier-{number}.pdf", inline: true);
    }

    [HttpGet("pieces/{id:guid}")]
    public async Task<IActionResult> Attachment(Guid id, CancellationToken ct)
    {
        var visible = await scope.RequestsAsync(User, ct);
        var attachment = await db.Attachments.AsNoTracking()
            .Where(a => a.Id == id && visible.Any(r => r.Id == a.RequestId))
            .FirstOrDefaultAsync(ct);
        if (attachment is null)
        {
            return NotFound();
        }

        // Only PDF, JPEG and PNG are ever stored; shown inline, never as HTML.
        return this.Download(storage.Open(attachment.StorageKey), attachment.ContentType, attachment.FileName, inline: true);
    }

    [HttpGet("documents/{id:guid}")]
    public async Task<IActionResult> IssuedDocument(Guid id, CancellationToken ct)
    {
        var visible = await scope.RequestsAsync(User, ct);
        var document = await db.IssuedDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id && visible.Any(r => r.Id == d.RequestId), ct);
        if (document is null)
        {
            return NotFound();
        }

        return this.Download(document.Pdf, "application/pdf", $"{document.Number}.pdf", inline: true);
    }

    [HttpPost("documents/{id:guid}/revoquer")]
    [RecentSecondFactor("révoquer ce document")]
    [Authorize(Policy = AuthorizationPolicies.Supervisor)]
    public async Task<IActionResult> Revoke(Guid id, string? motif, CancellationToken ct)
    {
        var visible = await scope.RequestsAsync(User, ct);
        var document = await db.IssuedDocuments.FirstOrDefaultAsync(d => d.Id == id && visible.Any(r => r.Id == d.RequestId), ct);
        if (document is null)
        {
            return NotFound();
        }

        var request = await db.Requests.Where(r => r.Id == document.RequestId)
            .Join(db.Procedures, r => r.ProcedureId, p => p.Id, (r, p) => new { r.Number, r.ApplicantId, p.Title }).SingleAsync(ct);
        var number = request.Number;
        try
        {
            document.Revoke(UserId, motif ?? "", clock.GetUtcNow());
            // A revocation changes what the check page says: journalled (and chained) like a request's move.
            audit.Record($"Document {document.Number} révoqué : {document.RevokedReason}", Infrastructure.Audit.AuditTargets.Request, number!, request.Title);
            // The holder learns it from us, not from whoever checks the document next.
            email.EnqueueRevocation(document, number!, await db.Users.AsNoTracking().SingleAsync(u => u.Id == request.ApplicantId, ct));
            await db.SaveChangesAsync(ct);
            TempData["Message"] = $"Le document {document.Number} est révoqué : la page de vérification l'indique désormais.";
        }
        catch (EServices.Web.Domain.Requests.InvalidTransitionException refused)
        {
            TempData["Error"] = refused.Message;
        }

        return Redirect($"/back-office/demandes/{number}");
    }

    [HttpPost("demandes/{number}/notes")]
    public Task<IActionResult> AddNote(string number, string? note, CancellationToken ct) => WriteAsync(number, "note", note, privateNote: true, ct);

    [HttpPost("demandes/{number}/messages")]
    public Task<IActionResult> SendMessage(string number, string? texte, CancellationToken ct) => WriteAsync(number, "texte", texte, privateNote: false, ct);

    [HttpPost("demandes/{number}/prendre")]
    public Task<IActionResult> Take(string number, uint version, CancellationToken ct) =>
        MoveAsync(number, version, (r, now) => r.Take(UserId, now), ct);

    [HttpPost("demandes/{number}/attribuer")]
    [Authorize(Policy = AuthorizationPolicies.Supervisor)]
    public async Task<IActionResult> Assign(string number, uint version, string? agent, CancellationToken ct)
    {
        var page = await file.RunAsync(User, number, ct);
        if (page is null)
        {
            return NotFound();
        }

        var colleague = page.Colleagues.FirstOrDefault(c => c.Id == agent);
        if (colleague.Id is null)
        {
            ModelState.AddModelError("agent", "Choisissez un agent du service.");
            return Redisplay(page);
        }

        return await MoveAsync(number, version, (r, now) => r.Assign(UserId, colleague.Id, colleague.Name, now), ct);
    }

    [HttpPost("demandes/{number}/complement")]
    public async Task<IActionResult> RequestCorrection(string number, uint version, string[]? champs, string? message, DateOnly? echeance, CancellationToken ct)
    {
        var page = await file.RunAsync(User, number, ct);
        if (page is null)
        {
            return NotFound();
        }

        var fields = (champs ?? []).Where(c => page.CorrectableFields.Any(f => f.Key == c)).ToList();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (fields.Count == 0)
        {
            ModelState.AddModelError("champs", "Cochez au moins une réponse ou une pièce à corriger.");
        }

        if (string.IsNullOrWhiteSpace(message))
        {
            ModelState.AddModelError("message", "Écrivez au demandeur ce qu'il doit corriger.");
        }
        else if (message.Length > 2000)
        {
            ModelState.AddModelError("message", "Le message doit contenir au plus 2 000 caractères.");
        }

        if (echeance is null || echeance <= today)
        {
            ModelState.AddModelError("echeance", "Choisissez une date limite postérieure à aujourd'hui.");
        }

        if (!ModelState.IsValid)
        {
            return Redisplay(page);
        }

        return await MoveAsync(number, version, (r, now) => r.RequestCorrection(UserId, fields, message!, echeance!.Value, now), ct);
    }

    [HttpPost("demandes/{number}/accepter")]
    [RecentSecondFactor("accepter la demande")]
    public Task<IActionResult> Accept(string number, uint version, CancellationToken ct) =>
        MoveAsync(number, version, (r, now) => r.Accept(UserId, now), ct);

    [HttpPost("demandes/{number}/rejeter")]
    [RecentSecondFactor("rejeter la demande")]
    public Task<IActionResult> Reject(string number, uint version, string? motif, CancellationToken ct) =>
        WithReasonAsync(number, version, motif, "motif", "Indiquez le motif du rejet : il sera communiqué au demandeur.", (r, now) => r.Reject(UserId, motif!, now), ct);

    [HttpPost("demandes/{number}/classer")]
    public Task<IActionResult> Close(string number, uint version, string? raison, CancellationToken ct) =>
        WithReasonAsync(number, version, raison, "raison", "Indiquez pourquoi la demande est classée sans suite.", (r, now) => r.Close(UserId, raison!, now), ct);

    private async Task<IActionResult> WithReasonAsync(string number, uint version, string? reason, string field, string missing, Action<Domain.Requests.Request, DateTimeOffset> move, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 2000)
        {
            var page = await file.RunAsync(User, number, ct);
            if (page is null)
            {
                return NotFound();
            }

            ModelState.AddModelError(field, string.IsNullOrWhiteSpace(reason) ? missing : "Le motif doit contenir au plus 2 000 caractères.");
            return Redisplay(page);
        }

        return await MoveAsync(number, version, move, ct);
    }

    /// <summary>After an acceptance or a rejection, the certificate or the refusal letter (other moves issue nothing).</summary>
    private Func<Domain.Requests.Request, DateTimeOffset, Task> IssueDecisionDocument(CancellationToken ct) =>
        (r, now) => certificates.RunAsync(r, now, ct);

    private async Task<IActionResult> MoveAsync(string number, uint version, Action<Domain.Requests.Request, DateTimeOffset> move, CancellationToken ct)
    {
        var (outcome, message) = await decide.RunAsync(User, number, version, move, ct, IssueDecisionDocument(ct));
        if (outcome == DecisionOutcome.NotFound)
        {
            return NotFound();
        }

        TempData[outcome == DecisionOutcome.Done ? "Message" : "Error"] = message;
        return Redirect($"/back-office/demandes/{number}");
    }

    private async Task<IActionResult> WriteAsync(string number, string field, string? text, bool privateNote, CancellationToken ct)
    {
        var request = await (await scope.RequestsAsync(User, ct)).FirstOrDefaultAsync(r => r.Number == number, ct);
        if (request is null)
        {
            return NotFound();
        }

        if (RequestMessage.Problem(text) is { } problem)
        {
            ModelState.AddModelError(field, problem);
            return Redisplay((await file.RunAsync(User, number, ct))!);
        }

        await conversation.AddAsync(request, UserId, fromStaff: true, privateNote, text!, ct);
        TempData["Message"] = privateNote ? "Note enregistrée (visible des seuls agents)." : "Message envoyé au demandeur.";
        return Redirect($"/back-office/demandes/{number}");
    }

    private ViewResult Redisplay(RequestFilePage page)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Detail", page);
    }
}
