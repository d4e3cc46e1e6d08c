using EServices.Web.Infrastructure.Audit;
using Npgsql;

namespace EServices.Web.Features.Admin;

/// <summary>Saves a group (new or changed) with its audit entries; the posted <see cref="GroupForm"/> has been checked.</summary>
public static class SaveGroup
{
    public sealed class Handler(AppDbContext db, AuditLog audit)
    {
        /// <summary>False when another administrator saved the same name, or another default group, in the meantime.</summary>
        public async Task<bool> HandleAsync(string serviceCode, int serviceId, ServiceGroup? group, string name, bool isDefault, CancellationToken ct)
        {
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                if (isDefault && group is not { IsDefault: true })
                {
                    // One default group per service (a unique index): the previous one steps down first.
                    await db.ServiceGroups.Where(g => g.ServiceId == serviceId && g.IsDefault)
                        .ExecuteUpdateAsync(s => s.SetProperty(g => g.IsDefault, false), ct);
                }

                var label = $"{serviceCode} – {name}";
                if (group is null)
                {
                    group = db.ServiceGroups.Add(new ServiceGroup { ServiceId = serviceId, Name = name, IsDefault = isDefault }).Entity;
                    await audit.SaveNewAsync(isDefault ? "Groupe créé (groupe par défaut)" : "Groupe créé", AuditTargets.Group, () => group.Id.ToString(), label, ct);
                }
                else
                {
                    foreach (var change in Changes(group, name, isDefault))
                    {
                        audit.Record(change, AuditTargets.Group, group.Id.ToString(), label);
                    }

                    (group.Name, group.IsDefault) = (name, isDefault);
                    await db.SaveChangesAsync(ct);
                }

                await transaction.CommitAsync(ct);
                return true;
            }
            catch (DbUpdateException saving) when (saving.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                return false;
            }
        }

        private static IEnumerable<string> Changes(ServiceGroup group, string name, bool isDefault)
        {
            if (group.Name != name)
            {
                yield return $"Groupe renommé (ancien nom : « {group.Name} »)";
            }

            if (group.IsDefault != isDefault)
            {
                yield return isDefault ? "Groupe désigné groupe par défaut" : "Groupe retiré du rôle de groupe par défaut";
            }
        }
    }
}
