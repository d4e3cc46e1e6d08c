
namespace EServices.Web.Forms;

/// <summary>Everything one step of the form needs to be drawn.</summary>
public sealed record StepPage(
    Guid DraftId,
    string ProcedureTitle,
    int Index,
    IReadOnlyList<string> StepTitles,
    FormStep Step,
    FormAnswers Answers,
    IReadOnlyDictionary<string, AttachedFile> Files,
    bool FromReview,
    long MaxFileBytes,
    string? PostTo = null)
{
    /// <summary>Where the draft's pages are: the applicant's own, or the counter's for a clerk filing for a citizen.</summary>
    public string Base { get; init; } = "/brouillons";

    /// <summary>An administrator's preview of a form being built: nothing is saved.</summary>
    public bool IsPreview => PostTo is not null;

    public bool IsLast => Index == StepTitles.Count;
}
