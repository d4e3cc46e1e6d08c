using EServices.Web.Forms;

namespace EServices.Tests.Features.Filing;

public sealed class RequestRoutingTests
{
    private static readonly RoutingRule[] Rules =
    [
        new() { ProcedureId = 1, FieldValue = "kadiogo", GroupId = 10 },
        new() { ProcedureId = 1, FieldValue = "guiriko", GroupId = 20 },
    ];

    private static FormAnswers Answers(string key, string value)
    {
        var answers = FormAnswers.Empty();
        answers.Set(key, value);
        return answers;
    }

    [Fact]
    public void The_answer_that_matches_a_rule_picks_its_group() =>
        Assert.Equal(20, RequestRouting.GroupFor("region", Rules, 99, Answers("region", "guiriko")));

    [Fact]
    public void An_answer_without_a_rule_goes_to_the_default_group() =>
        Assert.Equal(99, RequestRouting.GroupFor("region", Rules, 99, Answers("region", "sirba")));

    [Fact]
    public void A_missing_answer_goes_to_the_default_group() =>
        Assert.Equal(99, RequestRouting.GroupFor("region", Rules, 99, Answers("autre", "kadiogo")));

    [Fact]
    public void Without_a_routing_field_the_rules_are_ignored() =>
        Assert.Equal(99, RequestRouting.GroupFor(null, Rules, 99, Answers("region", "kadiogo")));

    [Fact]
    public void Without_a_default_group_an_unrouted_request_has_no_group() =>
        Assert.Null(RequestRouting.GroupFor("region", Rules, null, Answers("region", "sirba")));

    [Fact]
    public void Values_are_compared_exactly() =>
        Assert.Equal(99, RequestRouting.GroupFor("region", Rules, 99, Answers("region", "Kadiogo")));
}
