using EServices.Web.Infrastructure.Storage;
using FluentValidation;

namespace EServices.Web.Features.BackOffice;

/// <summary>Civil servants process requests: inbox, request file, and one POST per move of the state machine.
/// Each POST binds the form's own fields (the names its errors are shown under; the number from the address only), builds its
/// command, validates it, runs its handler and redirects to the request.</summary>
[Authorize(Policy = AuthorizationPolicies.BackOffice)]
[Route("back-office")]
public sealed class BackOfficeController(InboxQuery inbox, RequestFileQuery file) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Inbox([FromQuery] InboxCriteria criteria, CancellationToken ct) =>
        View(await inbox.RunAsync(User, criteria, ct));

    [HttpPost("lot")]
    [RecentSecondFactor("accepter ou rejeter les demandes cochées")]
    public async Task<IActionResult> Bulk(BulkAction bulk, InboxCriteria criteria, [FromServices] BulkAction.Handler handler, CancellationToken ct)
    {
        if (await ValidAsync(BulkAction.Validator.For(bulk, User), ct))
        {
            return View("BulkResult", await handler.RunAsync(User, bulk, ct));
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        ViewData["Bulk"] = bulk;
        return View("Inbox", await inbox.RunAsync(User, criteria, ct));
    }

    /// <summary>Opened from the inbox, the address carries its list (<see cref="InboxList"/>): the page links to the requests
    /// before and after this one.</summary>
    [HttpGet("demandes/{number}")]
    public async Task<IActionResult> Detail(string number, [FromQuery] InboxCriteria criteria, CancellationToken ct)
    {
        if (await file.RunAsync(User, number, ct) is not { } page)
        {
            return NotFound();
        }

        return View(Request.Query.ContainsKey("onglet") ? page with { Navigation = await inbox.NeighboursAsync(User, criteria, number, ct) } : page);
    }

    [HttpGet("demandes/{number}/dossier.pdf")]
    public async Task<IActionResult> Summary(string number, [FromServices] VisibleFilesHandler files, CancellationToken ct) =>
        await files.SummaryAsync(User, number, ct) is { } pdf ? this.Download(pdf, "application/pdf", $"dossier-{number}.pdf", inline: true) : NotFound();

    /// <summary>Only PDF, JPEG and PNG are ever stored: shown inline, never as HTML; the request's page previews it in a frame.</summary>
    [HttpGet("pieces/{id:guid}")]
    public async Task<IActionResult> Attachment(Guid id, [FromServices] VisibleFilesHandler files, [FromServices] FileStorage storage, CancellationToken ct)
    {
        if (await files.AttachmentAsync(User, id, ct) is not { } a)
        {
            return NotFound();
        }

        HttpContext.Items[SecurityHeaders.FramedByOwnPages] = true;
        return this.Download(storage.Open(a.StorageKey), a.ContentType, a.FileName, inline: true);
    }

    [HttpGet("documents/{id:guid}")]
    public async Task<IActionResult> IssuedDocument(Guid id, [FromServices] VisibleFilesHandler files, CancellationToken ct) =>
        await files.DocumentAsync(User, id, ct) is { } d ? this.Download(d.Pdf, "application/pdf", $"{d.Number}.pdf", inline: true) : NotFound();

    [HttpPost("documents/{id:guid}/revoquer")]
    [RecentSecondFactor("révoquer ce document")]
    [Authorize(Policy = AuthorizationPolicies.Supervisor)]
    public async Task<IActionResult> Revoke(Guid id, string? motif, [FromServices] Revoke.Handler revoke, CancellationToken ct)
    {
        var (number, decision) = await revoke.RunAsync(User, new(id, motif), ct);
        return await ShowAsync(number ?? "", decision, ct);
    }

    [HttpPost("demandes/{number}/notes")]
    public Task<IActionResult> AddNote(string number, string? note, [FromServices] Write.Handler write, CancellationToken ct) =>
        RunAsync(number, new Write.Command(number, note, PrivateNote: true), write.RunAsync, ct);

    [HttpPost("demandes/{number}/messages")]
    public Task<IActionResult> SendMessage(string number, string? texte, [FromServices] Write.Handler write, CancellationToken ct) =>
        RunAsync(number, new Write.Command(number, texte, PrivateNote: false), write.RunAsync, ct);

    /// <summary>The request's labels as ticked on its page; an id that is no number is no label of the service.</summary>
    [HttpPost("demandes/{number}/etiquettes")]
    public async Task<IActionResult> Label(string number, [FromForm(Name = "etiquettes")] string[]? ticked, [FromServices] SetLabels labels, CancellationToken ct)
    {
        var ids = (ticked ?? []).Select(t => int.TryParse(t, System.Globalization.NumberStyles.None, null, out var id) ? id : -1).Distinct().ToList();
        return await ShowAsync(number, await labels.ReplaceAsync(User, number, ids, ct), ct);
    }

    [HttpPost("demandes/{number}/prendre")]
    public Task<IActionResult> Take(string number, uint version, [FromServices] Take.Handler take, CancellationToken ct) =>
        RunAsync(number, new Take.Command(number, version), take.RunAsync, ct);

    [HttpPost("demandes/{number}/attribuer")]
    [Authorize(Policy = AuthorizationPolicies.Supervisor)]
    public Task<IActionResult> Assign(string number, uint version, string? agent, [FromServices] Assign.Handler assign, CancellationToken ct) =>
        RunAsync(number, new Assign.Command(number, version, agent), assign.RunAsync, ct);

    /// <summary>Once the request has left the user's services, the inbox says where it went (its page would be not found).</summary>
    [HttpPost("demandes/{number}/transferer")]
    [Authorize(Policy = AuthorizationPolicies.Supervisor)]
    public async Task<IActionResult> TransferRequest(
        string number, uint version, string? destination, string? motifTransfert, [FromServices] Transfer.Handler transfer, [FromServices] Workflow.StaffScope scope, CancellationToken ct)
    {
        var command = new Transfer.Command(number, version, destination, motifTransfert);
        if (!await ValidAsync(new ValidationContext<Transfer.Command>(command), ct))
        {
            return await RedisplayAsync(number, ct);
        }

        var decision = await transfer.RunAsync(User, command, ct);
        if (decision.Outcome == DecisionOutcome.Done && !await (await scope.RequestsAsync(User, ct)).AnyAsync(r => r.Number == number, ct))
        {
            TempData["Message"] = decision.Message;
            return Redirect("/back-office");
        }

        return await ShowAsync(number, decision, ct);
    }

    [HttpPost("demandes/{number}/avis")]
    public Task<IActionResult> AskOpinion(
        string number, string? expert, string? nomExpert, string? contactExpert, string? question, DateOnly? echeanceAvis, [FromServices] AskOpinion.Handler ask, CancellationToken ct) =>
        RunAsync(number, new AskOpinion.Command(number, expert, nomExpert, contactExpert, question, echeanceAvis), ask.RunAsync, ct);

    /// <summary>The file an expert joined to their opinion, for staff who may see the request.</summary>
    [HttpGet("avis/{id:guid}/fichier")]
    public async Task<IActionResult> OpinionFile(Guid id, [FromServices] Workflow.StaffScope scope, [FromServices] AppDbContext db, [FromServices] FileStorage storage, CancellationToken ct)
    {
        var visible = await scope.RequestsAsync(User, ct);
        var opinion = await db.Opinions.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id && o.FileStorageKey != null && visible.Any(r => r.Id == o.RequestId), ct);
        return opinion is null ? NotFound() : this.Download(storage.Open(opinion.FileStorageKey!), opinion.FileContentType!, opinion.FileName!, inline: true);
    }

    [HttpPost("demandes/{number}/complement")]
    public Task<IActionResult> RequestCorrection(
        string number, uint version, string[]? champs, string? message, DateOnly? echeance, [FromServices] RequestCorrection.Handler correction, CancellationToken ct) =>
        RunAsync(number, new RequestCorrection.Command(number, version, champs ?? [], message, echeance), correction.RunAsync, ct);

    [HttpPost("demandes/{number}/accepter")]
    [RecentSecondFactor("accepter la demande")]
    public Task<IActionResult> Accept(string number, uint version, [FromServices] Accept.Handler accept, CancellationToken ct) =>
        RunAsync(number, new Accept.Command(number, version), accept.RunAsync, ct);

    [HttpPost("demandes/{number}/rejeter")]
    [RecentSecondFactor("rejeter la demande")]
    public Task<IActionResult> Reject(string number, uint version, string? motif, [FromServices] Reject.Handler reject, CancellationToken ct) =>
        RunAsync(number, new Reject.Command(number, version, motif), reject.RunAsync, ct);

    [HttpPost("demandes/{number}/classer")]
    public Task<IActionResult> Close(string number, uint version, string? raison, [FromServices] Close.Handler close, CancellationToken ct) =>
        RunAsync(number, new Close.Command(number, version, raison), close.RunAsync, ct);

    /// <summary>Validates the command with its validator when it has one, runs it and shows what happened. Only the
    /// validator's errors stop it: binding errors alone never did (a date typed where no date picker exists, for an
    /// operation that needs no date).</summary>
    private async Task<IActionResult> RunAsync<TCommand>(string number, TCommand command, Func<ClaimsPrincipal, TCommand, CancellationToken, Task<Decision>> handler, CancellationToken ct)
        => await ValidAsync(new ValidationContext<TCommand>(command), ct)
            ? await ShowAsync(number, await handler(User, command, ct), ct)
            : await RedisplayAsync(number, ct);

    private async Task<bool> ValidAsync<TCommand>(ValidationContext<TCommand> command, CancellationToken ct)
    {
        if (HttpContext.RequestServices.GetService<IValidator<TCommand>>() is not { } validator)
        {
            return true;
        }

        // What binding said is replaced by the validator's French messages (a date typed as « demain »).
        return this.Check(await validator.ValidateAsync(command, ct));
    }

    /// <summary>Post/Redirect/Get to the request with the outcome; a field the request lacks redisplays the form with its error.</summary>
    private async Task<IActionResult> ShowAsync(string number, Decision decision, CancellationToken ct)
    {
        switch (decision.Outcome)
        {
            case DecisionOutcome.NotFound:
                return NotFound();
            case DecisionOutcome.Invalid:
                ModelState.AddModelError(decision.Field!, decision.Message);
                return await RedisplayAsync(number, ct);
            default:
                TempData[decision.Outcome == DecisionOutcome.Done ? "Message" : "Error"] = decision.Message;
                return await NextAsync(number, decision, ct) ?? Redirect($"/back-office/demandes/{number}" + (InboxList.Read(Posted("liste")) is { } list ? InboxList.Query(list) : ""));
        }
    }

    /// <summary>« … et passer à la suivante »: after a move that was made, the next request of the list the page came
    /// from (or the list itself, saying it is done).</summary>
    private async Task<IActionResult?> NextAsync(string number, Decision decision, CancellationToken ct)
    {
        if (decision.Outcome != DecisionOutcome.Done || Posted("ensuite") != "suivante" || InboxList.Read(Posted("liste")) is not { } list)
        {
            return null;
        }

        var navigation = await inbox.NeighboursAsync(User, list, number, ct);
        if (navigation.Next is { } next)
        {
            return Redirect($"/back-office/demandes/{next}{navigation.Query}");
        }

        TempData["Message"] = $"{decision.Message} C'était la dernière demande de cette liste.";
        return Redirect($"/back-office{navigation.Query}");
    }

    private string? Posted(string key) => Request.HasFormContentType && Request.Form.TryGetValue(key, out var value) ? value.ToString() : null;

    private async Task<IActionResult> RedisplayAsync(string number, CancellationToken ct)
    {
        if (await file.RunAsync(User, number, ct) is not { } page)
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Detail", InboxList.Read(Posted("liste")) is { } list ? page with { Navigation = await inbox.NeighboursAsync(User, list, number, ct) } : page);
    }
}
