using EServices.Web.Documents;

namespace EServices.Web.Forms;

/// <param name="Key">The form field answered (a file field's key names its attachment).</param>
public sealed record ReviewItem(string Key, string Label, IReadOnlyList<string> Lines);

public sealed record ReviewStep(int Index, string Title, IReadOnlyList<ReviewItem> Items, IReadOnlyList<string> Errors);

/// <param name="Fee">What the request pays before it is filed (0: free; null: no amount for the answer given).</param>
public sealed record ReviewPage(Guid DraftId, string ProcedureTitle, IReadOnlyList<ReviewStep> Steps, int? Fee = 0)
{
    /// <summary>Where the draft's pages are (<see cref="StepPage.Base"/>).</summary>
    public string Base { get; init; } = "/brouillons";

    public bool IsComplete => Steps.All(s => s.Errors.Count == 0);

    /// <summary>The answers as sections of a printed summary (<see cref="RequestSummaryPdf"/>), a step each.</summary>
    public IEnumerable<SummarySection> SummarySections() =>
        Steps.Select(s => new SummarySection(s.Title, s.Items.Select(i => (i.Label, string.Join("\n", i.Lines))).ToList()));
}

/// <summary>The answers of a request, step by step, as the applicant (and later the agent) reads them.</summary>
public static class Review
{
    public static ReviewPage Build(Request request, DateOnly today)
    {
        var definition = request.FormVersion.Parse();
        var answers = request.ReadAnswers();
        var files = DraftSteps.Files(request);
        var steps = definition.Steps.Select((step, i) =>
        {
            var errors = new FormAnswersValidator(step.Fields, today).Validate(answers).Errors.Select(e => e.ErrorMessage).ToList();
            var items = step.Fields
                .Where(f => f.TakesAnswer && answers.IsVisible(f))
                .Select(f => new ReviewItem(f.Key, f.Label, Lines(f, answers, files)))
                .ToList();
            return new ReviewStep(i + 1, step.Title, items, errors);
        });
        // Test filings through a procedure being built are never charged (SubmitDraft).
        return new ReviewPage(request.Id, request.Procedure.Title, steps.ToList(), request.IsTest ? 0 : Fees.For(request.Procedure, answers));
    }

    private static List<string> Lines(FormField field, FormAnswers answers, IReadOnlyDictionary<string, AttachedFile> files) => field.Kind.Shape switch
    {
        AnswerShape.Many => [AnswerDisplay.Many(field, answers.GetMany(field.Key))],
        AnswerShape.File => [files.TryGetValue(field.Key, out var f) ? $"{f.FileName} ({ReceiptPdf.FormatSize(f.Size)})" : "Aucun fichier"],
        AnswerShape.Rows => answers.GetRows(field.Key)
            .Where(r => r.Values.Any(v => !string.IsNullOrWhiteSpace(v)))
            .Select((row, i) => $"{i + 1}. " + string.Join(" — ", (field.Fields ?? []).Select(c => $"{c.Label} : {AnswerDisplay.Simple(c, row.GetValueOrDefault(c.Key))}")))
            .DefaultIfEmpty("Aucune ligne")
            .ToList(),
        _ => [AnswerDisplay.Simple(field, answers.Get(field.Key))],
    };
}
