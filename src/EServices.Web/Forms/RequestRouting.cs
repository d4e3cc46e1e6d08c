
namespace EServices.Web.Forms;

/// <summary>Picks the group of the service that will process a new request: the group of the rule whose value is the
/// applicant's answer to the procedure's routing field, else the service's default group (null when it has none).</summary>
public static class RequestRouting
{
    public static int? GroupFor(string? routingFieldKey, IEnumerable<RoutingRule> rules, int? defaultGroupId, FormAnswers answers)
    {
        var answer = routingFieldKey is null ? null : answers.Get(routingFieldKey);
        var rule = answer is null ? null : rules.FirstOrDefault(r => r.FieldValue == answer);
        return rule?.GroupId ?? defaultGroupId;
    }
}
