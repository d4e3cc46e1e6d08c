using EServices.Tests.Infrastructure;
using EServices.Tests.Payments;
using EServices.Web.Competitions;
using EServices.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EServices.Tests.Competitions;

/// <summary>Two nodes of one portal on a database of their own (the second joins the first's database, files and clock
/// without migrating), so that the competitions' invariants are tested as two replicas behind a load balancer hit them.</summary>
public sealed class CompetitionPortal : IAsyncLifetime
{
    public CompetitionPortal()
    {
        A = new HostFixture();
        B = new SecondNode(A, migrates: false);
    }

    public HostFixture A { get; }

    public HostFixture B { get; }

    /// <summary>Node A or B by index, alternately: spreads concurrent work over both nodes.</summary>
    public HostFixture Node(int i) => i % 2 == 0 ? A : B;

    public async Task InitializeAsync()
    {
        await A.InitializeAsync();
        await ((IAsyncLifetime)B).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)B).DisposeAsync();
        await ((IAsyncLifetime)A).DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class CompetitionCollection : ICollectionFixture<CompetitionPortal>
{
    public const string Name = "competitions";
}

/// <summary>A session of its own (linked to the seeded « Inscription à un concours direct »), a competition with its centres
/// and applicants, written through the app's DbContext: the tests never share a competition, a centre or an account.</summary>
public static class CompetitionFixtureData
{
    public const string ProcedureSlug = "inscription-concours-direct";

    /// <summary>What <see cref="Candidacies.Conflict"/> tells the candidate the database refused.</summary>
    public const string CentreFull = "Ce centre vient d'être complet : choisissez-en un autre.";
    public const string CnibTaken = "Une candidature à ce concours existe déjà pour ce numéro de CNIB. Si ce n'est pas vous qui l'avez faite, adressez-vous à l'AGRE avec votre CNIB.";

    /// <summary>A new session with one competition open now (opened yesterday, closing in 30 days) and a centre per capacity.</summary>
    public static async Task<Competition> CompetitionAsync(HostFixture host, int maxPerSession = 2, params int[] capacities)
    {
        var session = await SessionAsync(host, maxPerSession);
        return await CompetitionInAsync(host, session.Id, capacities);
    }

    public static async Task<CompetitionSession> SessionAsync(HostFixture host, int maxPerSession = 2)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var procedure = await db.Procedures.SingleAsync(p => p.Slug == ProcedureSlug);
        var session = new CompetitionSession
        {
            Name = $"Session de test {Guid.NewGuid():N}"[..26],
            ProcedureId = procedure.Id,
            MaxApplicationsPerCandidate = maxPerSession,
            CreatedAt = host.Clock().GetUtcNow(),
        };
        db.CompetitionSessions.Add(session);
        await db.SaveChangesAsync();
        return session;
    }

    public static async Task<Competition> CompetitionInAsync(HostFixture host, int sessionId, params int[] capacities)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = host.Clock().GetUtcNow();
        var code = $"test-{Guid.NewGuid():N}";
        var competition = new Competition
        {
            SessionId = sessionId,
            Code = code,
            Title = $"Concours {code[5..13]}",
            Corps = "Adjoints administratifs",
            Job = "Adjoint administratif",
            Places = 10,
            MinimumDiploma = DiplomaLevel.Bepc,
            MinimumAge = 18,
            MaximumAge = 35,
            AgeReferenceDate = new DateOnly(now.Year, 12, 31),
            FeeXof = 5000,
            OpensAt = now.AddDays(-1),
            ClosesAt = now.AddDays(30),
            ExamAt = now.AddDays(60),
            RequiredDocuments = ["piece_cnib", "piece_diplome"],
            CreatedAt = now,
            UpdatedAt = now,
            Centres = capacities.Select((capacity, i) => new ExamCentre { Name = $"Centre {i + 1}", Capacity = capacity }).ToList(),
        };
        db.Competitions.Add(competition);
        await db.SaveChangesAsync();
        return competition;
    }

    /// <summary>Moves a competition's window (as AGRE's page would, behind the portal's back).</summary>
    public static async Task WindowAsync(HostFixture host, int competitionId, DateTimeOffset opens, DateTimeOffset closes)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Competitions.Where(c => c.Id == competitionId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.OpensAt, opens).SetProperty(c => c.ClosesAt, closes));
    }

    /// <summary>A new applicant account (no password: these tests never sign in).</summary>
    public static async Task<string> ApplicantAsync(HostFixture host)
    {
        using var scope = host.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"candidat-{Guid.NewGuid():N}@exemple.bf";
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, FirstNames = "Awa", LastName = "Ouédraogo" };
        var created = await users.CreateAsync(user);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        return user.Id;
    }

    /// <summary><see cref="Candidacies.StartAsync"/> as a page of <paramref name="node"/> calls it: in a request's own scope.</summary>
    public static async Task<Candidacies.Start> StartAsync(HostFixture node, int competitionId, string applicantId)
    {
        using var scope = node.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<Candidacies>().StartAsync(competitionId, applicantId, default);
    }

    /// <summary>A new applicant with a started candidacy; its draft's id.</summary>
    public static async Task<Guid> StartedAsync(HostFixture node, int competitionId)
    {
        var start = await StartAsync(node, competitionId, await ApplicantAsync(node));
        Assert.Null(start.Refusal);
        return start.RequestId!.Value;
    }

    /// <summary>Changes a candidacy through <paramref name="node"/>'s own DbContext, saved once <paramref name="go"/> completes
    /// (so that concurrent changes reach the database together), in a transaction of its own as a page saving the draft with
    /// it does (the execution strategy replays none: a deadlock would reach the candidate). Null when saved, else what
    /// <see cref="Candidacies.Conflict"/> tells the candidate; any other failure is thrown.</summary>
    public static async Task<string?> ChangeAsync(HostFixture node, Guid requestId, Action<Candidacy> change, Task? go = null)
    {
        using var scope = node.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var candidacy = await db.Candidacies.SingleAsync(c => c.RequestId == requestId);
        change(candidacy);
        candidacy.UpdatedAt = node.Clock().GetUtcNow();
        if (go is not null)
        {
            await go;
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return null;
        }
        catch (DbUpdateException e) when (Candidacies.Conflict(e) is { } message)
        {
            return message;
        }
    }

    /// <summary>Deletes the draft as « Supprimer le brouillon » and the unpaid-draft expiry do: the request, not the candidacy.</summary>
    public static async Task DeleteDraftAsync(HostFixture node, Guid requestId)
    {
        using var scope = node.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Requests.Remove(await db.Requests.SingleAsync(r => r.Id == requestId));
        await db.SaveChangesAsync();
    }

    public static async Task<long> CountAsync(HostFixture host, string sql, params (string Name, object Value)[] parameters) =>
        (long)(await host.ScalarAsync(sql, parameters))!;

    /// <summary>Each centre's places taken, and the candidacies that chose it, as PostgreSQL counts them.</summary>
    public static async Task<(long Taken, long Chosen)> PlacesAsync(HostFixture host, int centreId) =>
        ((long)(int)(await host.ScalarAsync("SELECT taken FROM exam_centres WHERE id = @id", ("id", centreId)))!,
         (long)(await host.ScalarAsync("SELECT count(*) FROM candidacies WHERE centre_id = @id", ("id", centreId)))!);

    /// <summary>Asserts that every centre of the competition has as many places taken as candidacies choosing it.</summary>
    public static async Task AssertTakenIsChosenAsync(HostFixture host, int competitionId) =>
        Assert.Equal(0L, (long)(await host.ScalarAsync(
            """
            SELECT count(*) FROM exam_centres e
            WHERE e.competition_id = @c AND e.taken <> (SELECT count(*) FROM candidacies a WHERE a.centre_id = e.id)
            """, ("c", competitionId)))!);
}
