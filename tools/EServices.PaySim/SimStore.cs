using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace EServices.PaySim;

/// <summary>
/// The simulator's transactions, in memory, and in <see cref="PaySimOptions.StateFile"/> when one is set (rewritten after
/// each change, read at start: a restart keeps them; the faults and a pending « réponse lente » timer are not kept).
/// </summary>
public sealed class SimStore
{
    private static readonly JsonSerializerOptions FileJson = new() { WriteIndented = true };

    private readonly ConcurrentDictionary<string, SimTransaction> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SimTransaction> _byToken = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SimFaults> _faults = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly string? _file;

    public SimStore(IOptions<PaySimOptions> options, TimeProvider clock)
    {
        Clock = clock;
        _file = options.Value.StateFile;
        if (_file is not null && File.Exists(_file))
        {
            foreach (var tx in JsonSerializer.Deserialize<List<SimTransaction>>(File.ReadAllText(_file)) ?? [])
            {
                _byId[tx.TransactionId] = _byToken[tx.Token] = tx;
            }
        }
    }

    public TimeProvider Clock { get; }

    public SimFaults GlobalFaults { get; set; } = new();

    public SimTransaction? Find(string id) => _byId.GetValueOrDefault(id);

    public SimTransaction? FindByToken(string token) => _byToken.GetValueOrDefault(token);

    public IEnumerable<SimTransaction> All => _byId.Values.OrderBy(t => t.CreatedAt);

    public SimFaults FaultsFor(string id) => _faults.GetValueOrDefault(id, new SimFaults()).Over(GlobalFaults);

    public void SetFaults(string id, SimFaults faults) => _faults[id] = faults;

    /// <summary>Records a new transaction; false when its id is taken (CinetPay refuses a reused id).</summary>
    public bool TryAdd(SimTransaction tx)
    {
        lock (_gate)
        {
            if (!_byId.TryAdd(tx.TransactionId, tx))
            {
                return false;
            }
            _byToken[tx.Token] = tx;
            Save();
            return true;
        }
    }

    /// <summary>Changes a transaction under the store's lock, then writes the file.</summary>
    public T Change<T>(SimTransaction tx, Func<SimTransaction, T> change)
    {
        lock (_gate)
        {
            var result = change(tx);
            Save();
            return result;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _byId.Clear();
            _byToken.Clear();
            _faults.Clear();
            GlobalFaults = new SimFaults();
            Save();
        }
    }

    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    private void Save()
    {
        if (_file is null)
        {
            return;
        }
        var temporary = _file + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(All.ToList(), FileJson));
        File.Move(temporary, _file, overwrite: true);
    }
}
