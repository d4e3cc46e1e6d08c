using EServices.Web.Workflow;
using FluentValidation;

namespace EServices.Web.Features.BackOffice;

/// <summary>A message to the applicant (e-mailed) or a private note that only staff see: the same text rules, one thread.</summary>
public static class Write
{
    public sealed record Command(string Number, string? Text, bool PrivateNote)
    {
        /// <summary>The form's field: the two forms sit on the same page.</summary>
        public string Field => PrivateNote ? "note" : "texte";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Text).Custom((text, context) =>
        {
            if (RequestMessage.Problem(text) is { } problem)
            {
                context.AddFailure(context.InstanceToValidate.Field, problem);
            }
        });
    }

    public sealed class Handler(StaffScope scope, Conversation conversation)
    {
        public async Task<Decision> RunAsync(ClaimsPrincipal user, Command command, CancellationToken ct)
        {
            var request = await (await scope.RequestsAsync(user, ct)).FirstOrDefaultAsync(r => r.Number == command.Number, ct);
            if (request is null)
            {
                return Decision.NotFound;
            }

            await conversation.AddAsync(request, user.FindFirstValue(ClaimTypes.NameIdentifier)!, fromStaff: true, command.PrivateNote, command.Text!, ct);
            return new(DecisionOutcome.Done, command.PrivateNote ? "Note enregistrée (visible des seuls agents)." : "Message envoyé au demandeur.");
        }
    }
}
