using EServices.Web.Forms;

namespace EServices.Web.Features.Filing;

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
    long MaxFileBytes)
{
    public bool IsLast => Index == StepTitles.Count;
}
