namespace EServices.Web.Domain.Accounts;

/// <summary>How an applicant wants to be told of their requests: by SMS, by e-mail, or both.</summary>
[Flags]
public enum NoticeChannels
{
    None = 0,
    Email = 1,
    Sms = 2,
    Both = Email | Sms,
}
