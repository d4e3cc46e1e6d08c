using System.Text.RegularExpressions;
using EServices.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace EServices.Tests.Workflow;

/// <summary>Every workflow state through every group, transition and label. The switches below have no catch-all: a new
/// state does not compile until this test says where it belongs, and the assertions then find what the portal forgot.</summary>
public sealed partial class RequestStatesTests
{
    private static readonly DateTimeOffset Filed = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Due = new(2026, 11, 26);
    private static readonly RequestStatus[] Statuses = Enum.GetValues<RequestStatus>();

    private static readonly (string Name, RequestStatus[] Set)[] Sets =
    [
        (nameof(RequestStates.Open), RequestStates.Open),
        (nameof(RequestStates.WithAdministration), RequestStates.WithAdministration),
        (nameof(RequestStates.Closed), RequestStates.Closed),
        (nameof(RequestStates.Decided), RequestStates.Decided),
    ];

    /// <summary>Where each state belongs, written out once more on purpose.</summary>
    private static string[] GroupsOf(RequestStatus status) => status switch
    {
        RequestStatus.Draft => [],
        RequestStatus.Submitted => ["Open", "WithAdministration"],
        RequestStatus.UnderReview => ["Open", "WithAdministration"],
        RequestStatus.CorrectionRequested => ["Open"],
        RequestStatus.Accepted => ["Closed", "Decided"],
        RequestStatus.Rejected => ["Closed", "Decided"],
        RequestStatus.ClosedWithoutFollowUp => ["Closed"],
    };

    [Fact]
    public void Each_state_is_in_exactly_its_groups_and_is_a_draft_open_or_closed()
    {
        foreach (var status in Statuses)
        {
            Assert.Equal(GroupsOf(status), Sets.Where(s => s.Set.Contains(status)).Select(s => s.Name));
            Assert.Single(new[] { status == RequestStatus.Draft, RequestStates.Open.Contains(status), RequestStates.Closed.Contains(status) }, isIn => isIn);
        }

        Assert.Subset(RequestStates.Open.ToHashSet(), RequestStates.WithAdministration.ToHashSet());
        Assert.Subset(RequestStates.Closed.ToHashSet(), RequestStates.Decided.ToHashSet());
    }

    [Fact]
    public void The_closed_and_overdue_expressions_agree_with_the_sets_and_with_the_entity()
    {
        var isClosed = RequestStates.IsClosed.Compile();
        foreach (var status in Statuses)
        {
            var request = RequestIn(status);
            Assert.Equal(status, request.Status);
            Assert.Equal(RequestStates.Closed.Contains(status), isClosed(request));
            foreach (var today in new[] { Due, Due.AddDays(1) })
            {
                var overdue = RequestStates.WithAdministration.Contains(status) && today > Due;
                Assert.Equal(overdue, RequestStates.IsOverdue(today).Compile()(request));
                Assert.Equal(overdue, RequestStates.IsOverdue(status, request.DueOn, today));
                Assert.Equal(overdue, request.IsOverdue(today));
            }
        }
    }

    [Fact]
    public void Every_action_from_every_state_either_moves_the_request_as_the_table_allows_or_is_refused()
    {
        foreach (var status in Statuses)
        {
            foreach (var action in Enum.GetValues<RequestAction>())
            {
                var request = RequestIn(status);
                if (RequestTransitions.Allows(status, action))
                {
                    Do(request, action);
                    Assert.Equal(status, request.Events[^1].From);
                }
                else
                {
                    Assert.Throws<InvalidTransitionException>(() => Do(request, action));
                    Assert.Equal(status, request.Status);
                }
            }
        }

        Assert.All(RequestStates.Closed.Append(RequestStatus.Draft), status =>
            Assert.DoesNotContain(Enum.GetValues<RequestAction>(), action => RequestTransitions.Allows(status, action)));
    }

    [Fact]
    public void Every_state_has_its_own_french_label()
    {
        var labels = Statuses.Select(s => s.Label()).ToList();
        Assert.All(Statuses, s => Assert.NotEqual(s.ToString(), s.Label()));
        Assert.All(labels, l => Assert.False(string.IsNullOrWhiteSpace(l)));
        Assert.Equal(labels.Count, labels.Distinct().Count());
    }

    [Fact]
    public void The_sql_of_each_set_lists_exactly_its_states_as_the_status_column_stores_them()
    {
        using var db = new DesignTimeFactory().CreateDbContext([]);
        var stored = db.Model.FindEntityType(typeof(Request))!.FindProperty(nameof(Request.Status))!.GetTypeMapping().Converter!;
        Assert.All(Statuses, s => Assert.Equal($"'{stored.ConvertToProvider(s)}'", RequestStates.Sql(s)));

        foreach (var (name, set) in Sets)
        {
            var sql = RequestStates.SqlIn(set, "r.status");
            var listed = SqlIn().Match(sql);
            Assert.True(listed.Success, $"{name}: {sql}");
            Assert.Equal(set, listed.Groups[1].Value.Split(", ").Select(s => Enum.Parse<RequestStatus>(s.Trim('\''))));
        }

        Assert.Equal("status IN ('Submitted', 'UnderReview')", RequestStates.SqlIn(RequestStates.WithAdministration)); // ix_requests_inbox_open
        Assert.Equal($"{RequestStates.SqlIn(RequestStates.WithAdministration, "f.status")} AND f.due_on < @today", RequestStates.SqlIsOverdue("f", "@today"));
    }

    [GeneratedRegex(@"^r\.status IN \(('[A-Za-z]+'(?:, '[A-Za-z]+')*)\)$")]
    private static partial Regex SqlIn();

    /// <summary>A request brought to a state through its own methods, due on <see cref="Due"/> once filed.</summary>
    private static Request RequestIn(RequestStatus status)
    {
        var procedure = new Procedure { Slug = "attestation-de-travail", Title = "Attestation de travail", Summary = "", PublishedFormVersionId = 1 };
        var request = Request.StartDraft(procedure, "applicant", Filed.AddHours(-1));
        RequestAction[] path = status switch
        {
            RequestStatus.Draft => [],
            RequestStatus.Submitted => [],
            RequestStatus.UnderReview => [RequestAction.Take],
            RequestStatus.CorrectionRequested => [RequestAction.Take, RequestAction.RequestCorrection],
            RequestStatus.Accepted => [RequestAction.Take, RequestAction.Accept],
            RequestStatus.Rejected => [RequestAction.Take, RequestAction.Reject],
            RequestStatus.ClosedWithoutFollowUp => [RequestAction.Close],
        };
        if (status != RequestStatus.Draft)
        {
            request.Submit("FP-2026-000001", "Awa OUÉDRAOGO", Due, null, Filed);
        }

        foreach (var action in path)
        {
            Do(request, action);
        }

        return request;
    }

    private static void Do(Request request, RequestAction action)
    {
        var at = Filed.AddHours(1);
        Action move = action switch
        {
            RequestAction.Take => () => request.Take("agent-1", at),
            RequestAction.Assign => () => request.Assign("chef-1", "agent-2", "Issa SAWADOGO", at),
            RequestAction.RequestCorrection => () => request.RequestCorrection("agent-1", ["cnib"], "CNIB expirée", Due, at),
            RequestAction.Resubmit => () => request.ResubmitCorrection(request.ReadAnswers(), new WorkingCalendar([]), at),
            RequestAction.Accept => () => request.Accept("agent-1", at),
            RequestAction.Reject => () => request.Reject("agent-1", "Pièce manquante", at),
            RequestAction.Close => () => request.Close("agent-1", "Doublon", at),
            RequestAction.Transfer => () => request.Transfer("chef-1", 2, null, Due, "Transférée : mauvaise orientation", at),
        };
        move();
    }
}
