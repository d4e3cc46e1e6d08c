using EServices.Web.Features.Accounts;
using EServices.Web.Infrastructure.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace EServices.Web.Features.MyRequests;

[Route("mes-demandes")]
public sealed class MyRequestsController(MyRequestsQuery query, UserManager<ApplicationUser> users, FileStorage storage) : Controller
{
    private string UserId => users.GetUserId(User)!;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await query.ListAsync(UserId, ct));

    [HttpGet("{number}")]
    public async Task<IActionResult> Detail(string number, CancellationToken ct) =>
        await query.FindAsync(number, UserId, ct) is { } page ? View(page) : NotFound();

    [HttpGet("{number}/recepisse")]
    public async Task<IActionResult> Receipt(string number, CancellationToken ct) =>
        await query.ReceiptAsync(number, UserId, ct) is { } receipt
            ? File(receipt.Pdf, "application/pdf", $"recepisse-{receipt.Number}.pdf")
            : NotFound();

    [HttpGet("pieces/{id:guid}")]
    public async Task<IActionResult> Attachment(Guid id, CancellationToken ct) =>
        await query.AttachmentAsync(id, UserId, ct) is { } attachment
            ? File(storage.Open(attachment.StorageKey), attachment.ContentType, attachment.FileName)
            : NotFound();
}
