using EServices.Web.Features.Accounts;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using System.Runtime.CompilerServices;

namespace EServices.Web.Features.Catalogue;

/// <summary>
/// The home page, the catalogue and the procedure sheets, as anonymous visitors see them, are kept in memory for a minute:
/// at a competition's opening most visitors read the same few pages. A save that changes the catalogue empties the cache
/// of this node at once and, through a PostgreSQL notification sent at commit, of every other node. Signed-in visitors,
/// and visitors with a message waiting (TempData), always get a fresh page: theirs differs.
/// </summary>
public static class CataloguePageCache
{
    public const string Policy = "catalogue-pages";

    public const string Tag = "catalogue";

    /// <summary>The PostgreSQL notification channel every node listens to.</summary>
    private const string Channel = "catalogue_pages";

    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    /// <summary>Entities whose change alters what the catalogue pages show.</summary>
    private static readonly Type[] CatalogueTypes = [typeof(Procedure), typeof(Category), typeof(Service), typeof(EServices.Web.Domain.Forms.FormVersion)];

    public static IServiceCollection AddCataloguePageCache(this IServiceCollection services)
    {
        services.AddOutputCache(o => o.AddPolicy(Policy, new AnonymousPagePolicy()));
        services.AddSingleton<EvictOnCatalogueChange>();
        services.AddHostedService<OtherNodesChanges>();
        return services;
    }

    /// <summary>For the database options: evicts the cached pages after a save that touched the catalogue.</summary>
    public static DbContextOptionsBuilder EvictCataloguePagesOnChange(this DbContextOptionsBuilder options, IServiceProvider services) =>
        options.AddInterceptors(services.GetRequiredService<EvictOnCatalogueChange>());

    private sealed class AnonymousPagePolicy : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            var usable = (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
                && http.User.Identity?.IsAuthenticated != true
                && !http.Request.Cookies.ContainsKey(SessionCookies.TempData);
            context.EnableOutputCaching = true;
            context.AllowCacheLookup = usable;
            context.AllowCacheStorage = usable;
            context.AllowLocking = true;
            context.ResponseExpirationTimeSpan = Lifetime;
            context.CacheVaryByRules.QueryKeys = "*";
            context.Tags.Add(Tag);
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        /// <summary>Only a plain page is kept: not an error, not one that sets a cookie.</summary>
        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var response = context.HttpContext.Response;
            if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
            {
                context.AllowCacheStorage = false;
            }

            return ValueTask.CompletedTask;
        }
    }

    public sealed class EvictOnCatalogueChange(IOutputCacheStore store) : SaveChangesInterceptor
    {
        /// <summary>This node's name in its notifications: its own cache is emptied at once, and a notification of its own
        /// arriving later must not empty a page cached since.</summary>
        public string Node { get; } = Guid.NewGuid().ToString("N");

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Remember(eventData.Context);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            Remember(eventData.Context);
            return result;
        }

        public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            if (Take(eventData.Context))
            {
                await store.EvictByTagAsync(Tag, cancellationToken);
                // Inside a transaction PostgreSQL delivers it at commit, and not at all on rollback.
                await eventData.Context!.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {Node})", cancellationToken);
            }

            return result;
        }

        public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
        {
            if (Take(eventData.Context))
            {
                store.EvictByTagAsync(Tag, default).AsTask().GetAwaiter().GetResult();
                eventData.Context!.Database.ExecuteSql($"SELECT pg_notify({Channel}, {Node})");
            }

            return result;
        }

        /// <summary>Contexts whose save under way touches the catalogue (the interceptor is shared by all contexts).</summary>
        private static readonly ConditionalWeakTable<DbContext, object> Touching = new();

        // Runs before SaveChanges detects changes: Entries() would detect them over every tracked entity, and SaveChanges
        // again after it (twice the work on every save, filings included). Only catalogue entries are checked here.
        private static void Remember(DbContext? db)
        {
            if (db is null)
            {
                return;
            }

            var tracker = db.ChangeTracker;
            var autoDetect = tracker.AutoDetectChangesEnabled;
            tracker.AutoDetectChangesEnabled = false;
            try
            {
                // A list first: detecting an entry's changes may start tracking an entity it now points to, and the
                // tracker's entries cannot change while they are being enumerated.
                foreach (var entry in tracker.Entries().Where(e => CatalogueTypes.Contains(e.Metadata.ClrType)).ToList())
                {
                    if (entry.State == EntityState.Unchanged && autoDetect)
                    {
                        entry.DetectChanges();
                    }

                    if (entry.State is not (EntityState.Unchanged or EntityState.Detached))
                    {
                        Touching.AddOrUpdate(db, Touching);
                        return;
                    }
                }
            }
            finally
            {
                tracker.AutoDetectChangesEnabled = autoDetect;
            }
        }

        private static bool Take(DbContext? db) => db is not null && Touching.Remove(db);
    }

    /// <summary>Listens for catalogue changes saved by the other nodes and empties this node's cache.</summary>
    private sealed class OtherNodesChanges(IConfiguration configuration, IOutputCacheStore store, EvictOnCatalogueChange self, ILogger<OtherNodesChanges> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            // Keepalive: a connection that died silently would otherwise wait for notifications for ever.
            var connectionString = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Default")) { KeepAlive = 30 }.ConnectionString;
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await using var connection = new NpgsqlConnection(connectionString);
                    await connection.OpenAsync(stoppingToken);
                    connection.Notification += (_, change) =>
                    {
                        if (change.Payload != self.Node)
                        {
                            store.EvictByTagAsync(Tag, CancellationToken.None).AsTask().GetAwaiter().GetResult();
                        }
                    };
                    await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    {
                        await listen.ExecuteNonQueryAsync(stoppingToken);
                    }

                    await store.EvictByTagAsync(Tag, stoppingToken); // what changed while this node was not listening
                    while (true)
                    {
                        await connection.WaitAsync(stoppingToken);
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "Listening for catalogue changes failed; cached pages last {Lifetime} at most until it resumes", Lifetime);
                    try
                    {
                        await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            }
        }
    }
}
