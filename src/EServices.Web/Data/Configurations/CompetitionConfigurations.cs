using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EServices.Web.Data.Configurations;

public sealed class CompetitionSessionMapping : IEntityTypeConfiguration<CompetitionSession>
{
    public void Configure(EntityTypeBuilder<CompetitionSession> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.HasOne(s => s.Procedure).WithMany().HasForeignKey(s => s.ProcedureId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint("ck_competition_sessions_max_applications", "max_applications_per_candidate >= 1"));
    }
}

public sealed class CompetitionMapping : IEntityTypeConfiguration<Competition>
{
    public void Configure(EntityTypeBuilder<Competition> builder)
    {
        builder.HasIndex(c => c.Code).IsUnique();
        builder.Property(c => c.Code).HasMaxLength(80);
        builder.Property(c => c.Title).HasMaxLength(200);
        builder.Property(c => c.Corps).HasMaxLength(200);
        builder.Property(c => c.Job).HasMaxLength(200);
        builder.Property(c => c.MinimumDiploma).HasConversion<string>().HasMaxLength(20);
        builder.HasOne(c => c.Session).WithMany(s => s.Competitions).HasForeignKey(c => c.SessionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.ClosesAt);
    }
}

public sealed class ExamCentreMapping : IEntityTypeConfiguration<ExamCentre>
{
    public void Configure(EntityTypeBuilder<ExamCentre> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(150);
        builder.HasIndex(c => new { c.CompetitionId, c.Name }).IsUnique();
        builder.HasOne<Competition>().WithMany(c => c.Centres).HasForeignKey(c => c.CompetitionId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(c => c.PlacesLeft);
        builder.ToTable(t =>
        {
            // The database, not the code, keeps a centre within its capacity: see the trigger of the Competitions migration.
            t.HasCheckConstraint("ck_exam_centres_taken", "taken >= 0 AND taken <= capacity");
            t.HasCheckConstraint("ck_exam_centres_room_size", "room_size >= 1");
        });
    }
}

public sealed class CandidacyMapping : IEntityTypeConfiguration<Candidacy>
{
    public void Configure(EntityTypeBuilder<Candidacy> builder)
    {
        builder.HasKey(c => c.RequestId);
        builder.HasOne(c => c.Request).WithOne().HasForeignKey<Candidacy>(c => c.RequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.Competition).WithMany().HasForeignKey(c => c.CompetitionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Centre).WithMany().HasForeignKey(c => c.CentreId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Cnib).HasMaxLength(12);

        // One application per CNIB number per competition, whichever account and node files it.
        builder.HasIndex(c => new { c.CompetitionId, c.Cnib }).IsUnique().HasFilter("cnib IS NOT NULL")
            .HasDatabaseName(CandidacyIndexes.OnePerCnib);
        builder.HasIndex(c => new { c.ApplicantId, c.CompetitionId });
        builder.HasIndex(c => c.CentreId);

        builder.Property(c => c.CandidateName).HasMaxLength(300);
        builder.Property(c => c.NameKey).HasMaxLength(300);
        builder.Property(c => c.ExamNumber).HasMaxLength(20);
        builder.HasIndex(c => c.ExamNumber).IsUnique().HasFilter("exam_number IS NOT NULL");

        // The public results search by name: a prefix of the key among one competition's admitted candidates, read in the
        // order shown (key, then exam number), so that the scan stops after the lines shown, whatever the other competitions hold.
        builder.HasIndex(c => new { c.CompetitionId, c.NameKey, c.ExamNumber }).HasFilter("admitted")
            .HasOperators("int4_ops", "text_pattern_ops", "text_ops")
            .HasDatabaseName("ix_candidacies_admitted_name_key");
    }
}

public static class CandidacyIndexes
{
    public const string OnePerCnib = "ux_candidacies_competition_cnib";
    public const string CentreFull = "ck_exam_centres_taken";
}

public sealed class ConvocationDueMapping : IEntityTypeConfiguration<ConvocationDue>
{
    public void Configure(EntityTypeBuilder<ConvocationDue> builder)
    {
        builder.ToTable("convocations_due");
        // Per competition first: AGRE's progress page counts a competition's rows. No foreign key, whose index would be a
        // second write per row: a row whose candidacy is gone is deleted by the job like any other and produces nothing.
        builder.HasKey(d => new { d.CompetitionId, d.RequestId });
    }
}
