using EServices.Web.Infrastructure.Sms;
using EServices.Web.Forms;
using EServices.Web.Infrastructure.Audit;

namespace EServices.Web.Features.Counter;

/// <summary>
/// « Déposer » at the counter: the citizen confirms the request the clerk filled, by the code their phone received or by
/// the printed summary they signed (scanned and attached), then it is filed as theirs, like their own submit: the same
/// checks, the same number and receipt, a fee waiting for its payment. The history says it was filed at a counter, by
/// whom and on what proof; the journal has an entry; a code confirmed also confirms the citizen's number, so that they can
/// claim their account by SMS — or, when the number is an online account's that knew no card, moves the request there.
/// </summary>
public static class FileAtCounter
{
    /// <summary>The number, or that it waits for its payment, or the objection to show beside <paramref name="Field"/>.</summary>
    public sealed record Result(string? Number, bool AwaitingPayment, string? Field, string? Objection);

    public const string CodeMissing = "Saisissez le code à 6 chiffres reçu par SMS par le demandeur.";

    public const string NoPhone = "Le demandeur n'a pas de numéro : faites-lui signer le récapitulatif imprimé.";

    public const string SummaryMissing = "Joignez le récapitulatif signé par le demandeur, numérisé (PDF, JPEG ou PNG).";

    public sealed class Handler(AppDbContext db, SubmitDraft submit, PhoneCodes codes, UploadGate uploads, DraftSteps steps, AuditLog audit, TimeProvider clock)
    {
        public async Task<Result> ByCodeAsync(Request draft, CounterCitizen citizen, string clerkId, string? code, CancellationToken ct)
        {
            if (citizen.Phone is not { } phone)
            {
                return new Result(null, false, "Code", NoPhone);
            }

            if (!PhoneCodes.LooksLikeCode(code))
            {
                return new Result(null, false, "Code", CodeMissing);
            }

            var (outcome, _) = await codes.CheckAsync(PhoneCodePurpose.CounterFiling, phone, citizen.Account.Id, code!, ct);
            if (outcome != PhoneCodes.Outcome.Accepted)
            {
                return new Result(null, false, "Code", outcome == PhoneCodes.Outcome.Spent
                    ? "Ce code n'est plus valable (10 minutes, 5 essais) : envoyez un nouveau code."
                    : "Ce code n'est pas le bon : demandez au demandeur de relire le SMS reçu.");
            }

            return await FileAsync(draft, citizen, clerkId, CounterConfirmation.SmsCode, $"par le code reçu par SMS au {phone}", async (request, token) =>
            {
                // The code reached this number, and the citizen read it out: the number is theirs.
                var account = await db.Users.SingleAsync(u => u.Id == citizen.Account.Id, token);
                var holder = await db.Users.FirstOrDefaultAsync(u => u.PhoneNumber == phone && u.PhoneNumberConfirmed && u.Id != account.Id, token);
                if (holder is null)
                {
                    account.PhoneNumberConfirmed = true;
                    account.Notices |= NoticeChannels.Sms;
                }
                else if (holder.Cnib is null && account.PasswordHash is null
                    && !await db.Requests.AnyAsync(r => r.ApplicantId == account.Id && r.Id != request.Id, token))
                {
                    // Their online account, which knew no card: the request goes there, and the card with it. The account
                    // made from the card held nothing else and is left empty (no card, no number, no password).
                    request.MoveToAccountOfConfirmedNumber(holder.Id, clerkId, clock.GetUtcNow());
                    account.Cnib = null;
                    account.PhoneNumber = null;
                    await db.SaveChangesAsync(token); // the card leaves the empty account before it reaches the other (unique)
                    holder.Cnib = citizen.Cnib;
                }
            }, ct);
        }

        public async Task<Result> BySignedSummaryAsync(Request draft, CounterCitizen citizen, string clerkId, IFormFile? scan, CancellationToken ct)
        {
            if (scan is null || (scan.Length == 0 && string.IsNullOrEmpty(scan.FileName)))
            {
                return new Result(null, false, "Recapitulatif", SummaryMissing);
            }

            var (stored, error) = await uploads.StoreAsync(scan, "« Récapitulatif signé »", ct);
            if (stored is null)
            {
                return new Result(null, false, "Recapitulatif", error);
            }

            return await FileAsync(draft, citizen, clerkId, CounterConfirmation.SignedSummary, "par sa signature sur le récapitulatif imprimé (pièce jointe)", (request, _) =>
            {
                var answers = request.ReadAnswers();
                steps.Attach(request, CounterFiling.SignedSummaryKey, stored, answers);
                request.SaveAnswers(answers, 0, clock.GetUtcNow());
                return Task.CompletedTask;
            }, ct);
        }

        private async Task<Result> FileAsync(Request draft, CounterCitizen citizen, string clerkId, CounterConfirmation how, string proof,
            Func<Request, CancellationToken, Task> confirm, CancellationToken ct)
        {
            var result = await submit.RunAsync(draft.Id, citizen.Account, async (request, token) =>
            {
                await confirm(request, token);
                var now = clock.GetUtcNow();
                request.ConfirmAtCounter(clerkId, proof, now);
                (await db.CounterFilings.SingleAsync(f => f.RequestId == request.Id, token)).Confirm(how, now);
                audit.Record(clerkId, "Dépôt au guichet confirmé", "Demande", request.Id.ToString(), $"{request.Procedure.Title} — {citizen.Name}, {proof}");
            }, ct);
            return result.Refusal is { } refusal ? new Result(null, false, null, refusal)
                : new Result(result.Number, result.AwaitingPayment, null, null);
        }
    }
}
