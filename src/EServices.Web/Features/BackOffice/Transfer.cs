using EServices.Web.Forms;
using EServices.Web.Infrastructure.Audit;
using EServices.Web.Workflow;
using FluentValidation;

namespace EServices.Web.Features.BackOffice;

/// <summary>A head of service sends a misrouted request elsewhere, saying why: to another group of the service, or to
/// another service's procedure online. The number stays; the request waits there to be taken, in the group the receiving
/// procedure's routing gives it; its due date is the receiving procedure's delay counted from the filing (the applicant
/// does not wait longer because of a misrouting), plus the days the applicant was asked to correct it. The applicant is
/// told who handles it now; the move is in its history (both services named), the reason in a note staff read, and both
/// in the audit journal.</summary>
public static class Transfer
{
    public const string Field = "transfert";
    public const string ChooseDestination = "Choisissez où transférer la demande dans la liste.";

    /// <summary>The reason becomes a note « Motif du transfert : … », which must fit a message.</summary>
    public const int ReasonMaxLength = 1900;

    /// <summary><paramref name="Destination"/>: <c>groupe:{id}</c> or <c>demarche:{id}</c>, as the page's list gives them.</summary>
    public sealed record Command(string Number, uint? Version, string? Destination, string? Motif);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Destination).Must(d => !string.IsNullOrEmpty(d)).WithMessage(ChooseDestination).OverridePropertyName(Field);
            RuleFor(c => c.Motif).Must(m => !string.IsNullOrWhiteSpace(m) && m.Trim().Length <= ReasonMaxLength).OverridePropertyName("transfert-motif")
                .WithMessage("Indiquez pourquoi la demande est transférée (1 900 caractères au plus) : le service qui la reçoit le lira.");
        }
    }

    /// <summary>Where a request of this service may go: its other groups, and the procedures online of other services.</summary>
    public static async Task<List<(string Value, string Label)>> DestinationsAsync(AppDbContext db, int serviceId, int? groupId, CancellationToken ct)
    {
        var groups = await db.ServiceGroups.AsNoTracking().Where(g => g.ServiceId == serviceId && g.Id != groupId).OrderBy(g => g.Name)
            .Select(g => new { g.Id, g.Name }).ToListAsync(ct);
        var procedures = await db.Procedures.AsNoTracking()
            .Where(p => p.ServiceId != serviceId && p.PublishedFormVersionId != null && p.ClosedAt == null)
            .OrderBy(p => p.Service.Code).ThenBy(p => p.Title)
            .Select(p => new { p.Id, p.Title, p.Service.Code }).ToListAsync(ct);
        return [.. groups.Select(g => ($"groupe:{g.Id}", $"Groupe « {g.Name} » du service")), .. procedures.Select(p => ($"demarche:{p.Id}", $"{p.Code} — {p.Title}"))];
    }

    public sealed class Handler(Decide decide, AppDbContext db, Notices notices, Conversation conversation, WorkingCalendar calendar, AuditLog audit)
    {
        public Task<Decision> RunAsync(ClaimsPrincipal user, Command command, CancellationToken ct) =>
            decide.InTransactionAsync(user, command.Number, command.Version, async (request, actor, now) =>
            {
                var from = $"{request.Procedure.Service.Code} — {request.Procedure.Title}";
                if (await ReceiverAsync(request, command.Destination, ct) is not { } to)
                {
                    return new(DecisionOutcome.Invalid, ChooseDestination, Field);
                }

                // An application to a competition belongs to its competition (seat, number, convocation): it changes team only.
                if (to.ProcedureId != request.ProcedureId && await db.Candidacies.AnyAsync(c => c.RequestId == request.Id, ct))
                {
                    return new(DecisionOutcome.Refused, "Une candidature à un concours reste à son concours : transférez-la seulement vers un autre groupe du service.");
                }

                // The history (which the applicant reads too) names both services; the reason is a note for staff.
                var reason = command.Motif!.Trim();
                request.Transfer(actor, to.ProcedureId, to.GroupId, to.DueOn, $"Transférée de « {from} » à « {to.Label} »", now);
                if (to.Silence is var (rule, days))
                {
                    request.ApplySilence(rule, days, calendar); // the receiving procedure's rule, from the filing date
                }

                audit.Record($"Demande transférée de « {from} » à « {to.Label} » : {reason}", AuditTargets.Request, command.Number, request.Procedure.Title);
                notices.EnqueueTransfer(request, await db.Users.AsNoTracking().SingleAsync(u => u.Id == request.ApplicantId, ct), to.HandledBy, to.DueOn);
                await conversation.AddAsync(request, actor, fromStaff: true, privateNote: true, $"Motif du transfert : {reason}", ct); // saves the transfer with it
                return new(DecisionOutcome.Done, $"Demande {command.Number} transférée à « {to.Label} ».");
            }, ct);

        /// <param name="Silence">The receiving procedure's silence rule and delay; null within the service (unchanged).</param>
        private sealed record Receiver(int ProcedureId, int? GroupId, DateOnly? DueOn, string Label, string HandledBy, (SilenceRule, int)? Silence = null);

        /// <summary>The destination as the list gives it, if it is one the request may go to; anything else is none.</summary>
        private async Task<Receiver?> ReceiverAsync(Request request, string? destination, CancellationToken ct)
        {
            var (kind, id) = destination?.Split(':') is [var k, var text] && int.TryParse(text, System.Globalization.NumberStyles.None, null, out var n) ? (k, n) : ("", 0);
            var service = request.Procedure.Service;
            if (kind == "groupe")
            {
                var group = await db.ServiceGroups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id && g.ServiceId == service.Id && g.Id != request.GroupId, ct);
                return group is null ? null
                    : new(request.ProcedureId, group.Id, request.DueOn, $"{service.Code} — groupe {group.Name}", $"à l'équipe « {group.Name} » du service {service.Name}");
            }

            if (kind != "demarche")
            {
                return null;
            }

            var procedure = await db.Procedures.AsNoTracking().Include(p => p.Service)
                .FirstOrDefaultAsync(p => p.Id == id && p.ServiceId != service.Id && p.PublishedFormVersionId != null && p.ClosedAt == null, ct);
            if (procedure is null)
            {
                return null;
            }

            var rules = await db.RoutingRules.AsNoTracking()
                .Where(r => r.ProcedureId == procedure.Id && db.ServiceGroups.Any(g => g.Id == r.GroupId && g.ServiceId == procedure.ServiceId)).ToListAsync(ct);
            var defaultGroup = await db.ServiceGroups.Where(g => g.ServiceId == procedure.ServiceId && g.IsDefault).Select(g => (int?)g.Id).FirstOrDefaultAsync(ct);
            var filed = DateOnly.FromDateTime(request.SubmittedAt!.Value.UtcDateTime);
            return new(
                procedure.Id,
                RequestRouting.GroupFor(procedure.RoutingFieldKey, rules, defaultGroup, request.ReadAnswers()),
                calendar.AddWorkingDays(filed, procedure.TargetDelayDays + request.PausedWorkingDays),
                $"{procedure.Service.Code} — {procedure.Title}",
                $"au service {procedure.Service.Name}",
                (procedure.Silence, procedure.SilenceDelayDays));
        }
    }
}
