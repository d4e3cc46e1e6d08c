using EServices.Web.Competitions;

namespace EServices.Web.Features.Competitions;

/// <summary>What a page of the application says when nothing may be done: outside the window, beyond the maximum.</summary>
public sealed record RefusedPage(string CompetitionTitle, string Code, string Reason);

/// <summary>The answers every application page shares.</summary>
public static class ApplicationResults
{
    /// <summary>Where an application that is not a draft to fill is (its changes, its payment), or not found.</summary>
    public static IActionResult Elsewhere(this Controller controller, OpenedApplication opened) =>
        opened.Elsewhere is { } url ? controller.Redirect(url) : controller.NotFound();

    /// <summary>The refusal page while the competition is not open (the server's clock decides); null while it is.</summary>
    public static ViewResult? Closed(this Controller controller, Application application, TimeProvider clock) =>
        Candidacies.WindowRefusal(application.Competition, clock.GetUtcNow()) is { } refusal ? controller.Refused(application, refusal) : null;

    public static ViewResult Refused(this Controller controller, Application application, string reason) =>
        controller.Refused(new RefusedPage(application.Competition.Title, application.Competition.Code, reason));

    public static ViewResult Refused(this Controller controller, RefusedPage page)
    {
        controller.Response.StatusCode = StatusCodes.Status409Conflict;
        return controller.View("CandidacyRefused", page);
    }
}
