using EServices.Tests.Infrastructure;
using EServices.Web.Infrastructure.WaitingRoom;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EServices.Tests.WaitingRoom;

/// <summary>The room's bookkeeping with a long queue, without HTTP: every visitor's place stays exact while the first
/// ones are let in and the ones who stopped reloading are forgotten.</summary>
public sealed class WaitingRoomQueueTests
{
    private readonly ShiftedClock clock = new(new DateTimeOffset(2027, 3, 31, 23, 0, 0, TimeSpan.Zero));

    private Web.Infrastructure.WaitingRoom.WaitingRoom Room(int capacity) => new(
        Options.Create(new WaitingRoomOptions
        {
            Capacity = capacity,
            IdleTimeout = TimeSpan.FromMinutes(10),
            TicketTimeout = TimeSpan.FromSeconds(60),
        }),
        clock,
        NullLogger<Web.Infrastructure.WaitingRoom.WaitingRoom>.Instance);

    [Fact]
    public void Ten_thousand_visitors_keep_their_exact_place_as_the_first_enter_and_the_absent_are_forgotten()
    {
        var room = Room(capacity: 3);
        var admitted = Enumerable.Range(0, 3).Select(_ => room.Enter(null, null)).ToList();
        Assert.All(admitted, a => Assert.True(a.Admitted));

        var tickets = new List<Ticket>();
        for (var i = 0; i < 10_000; i++)
        {
            clock.Advance(TimeSpan.FromTicks(1));
            var waiting = room.Enter(null, null);
            Assert.False(waiting.Admitted);
            Assert.Equal(i + 1, waiting.Position);
            tickets.Add(waiting.Ticket!.Value);
        }

        // Every other visitor of the first hundred keeps reloading; the rest go away. A minute later, the admitted are
        // still there (they came back with their cookie), the absent are forgotten and the faithful ones move up.
        clock.Advance(TimeSpan.FromSeconds(30));
        foreach (var a in admitted)
        {
            Assert.True(room.Enter(a.AdmissionId, null).Admitted);
        }

        var faithful = tickets.Take(100).Where((_, i) => i % 2 == 0).ToList();
        foreach (var t in faithful)
        {
            Assert.False(room.Enter(null, t).Admitted);
        }

        clock.Advance(TimeSpan.FromSeconds(45));
        Assert.Equal((3, 50, 3), room.Snapshot());
        for (var i = 0; i < faithful.Count; i++)
        {
            Assert.Equal(i + 1, room.Enter(null, faithful[i]).Position);
        }

        // One admitted candidate goes idle: the first faithful visitor takes the place, the others move up by one.
        clock.Advance(TimeSpan.FromMinutes(9));
        foreach (var a in admitted.Skip(1))
        {
            room.Enter(a.AdmissionId, null);
        }

        foreach (var t in faithful)
        {
            room.Enter(null, t);
        }

        clock.Advance(TimeSpan.FromSeconds(50));
        foreach (var a in admitted.Skip(1))
        {
            room.Enter(a.AdmissionId, null);
        }

        Assert.True(room.Enter(null, faithful[0]).Admitted);
        Assert.Equal(1, room.Enter(null, faithful[1]).Position);
        Assert.Equal(49, room.Enter(null, faithful[^1]).Position);
    }

    [Fact]
    public void A_candidate_gone_to_the_payment_frees_their_place_at_once_and_is_still_honoured_if_they_come_back()
    {
        var room = Room(capacity: 2);
        var paying = room.Enter(null, null);
        var typing = room.Enter(null, null);
        var waiting = room.Enter(null, null);
        Assert.False(waiting.Admitted);
        Assert.Equal((2, 1, 2), room.Snapshot());

        room.Leave(paying.AdmissionId);
        clock.Advance(TimeSpan.FromSeconds(2)); // the next reload of the waiting page, long before the idle timeout

        Assert.True(room.Enter(null, waiting.Ticket).Admitted);
        Assert.True(room.Enter(typing.AdmissionId, null).Admitted);
        Assert.True(room.Enter(paying.AdmissionId, null).Admitted); // back from a payment given up: never sent to the queue
        Assert.Equal((3, 0, 2), room.Snapshot());
    }
}
