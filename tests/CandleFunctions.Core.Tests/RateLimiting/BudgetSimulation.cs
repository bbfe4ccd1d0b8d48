using CandleFunctions.Core.RateLimiting;

namespace CandleFunctions.Core.Tests.RateLimiting;

/// <summary>
/// A discrete-event model of processes on one IP, each pacing its workers with its own
/// <see cref="WeightBudget"/>, against a server that counts weight per fixed window of its own clock.
/// Times are local milliseconds; every process shares the local clock but estimates the server's
/// offset with its own error. Delays and errors stay within the budgets' ClockUncertainty.
/// </summary>
internal sealed class BudgetSimulation
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly PriorityQueue<Action, (long Time, long Seq)> _events = new();
    private readonly Dictionary<long, int> _serverCounts = [];
    private readonly Dictionary<long, int> _ourCounts = [];
    private readonly Dictionary<long, int> _refusals = [];
    private readonly List<long> _our429s = [];
    private readonly Random _random;
    private readonly long _windowMs;
    private readonly long _trueOffsetMs;
    private readonly long _uncertaintyMs;
    private long _seq;
    private long _now;

    public BudgetSimulation(int seed, RateLimitRule rule, long trueOffsetMs, WeightBudgetOptions options)
    {
        _random = new Random(seed);
        Rule = rule;
        Options = options;
        _windowMs = (long)rule.Window.TotalMilliseconds;
        _trueOffsetMs = trueOffsetMs;
        _uncertaintyMs = (long)options.ClockUncertainty.TotalMilliseconds;
    }

    public RateLimitRule Rule { get; }

    public WeightBudgetOptions Options { get; }

    /// <summary>Server weight per server window index.</summary>
    public IReadOnlyDictionary<long, int> ServerCounts => _serverCounts;

    /// <summary>The weight of managed processes (budgets) per server window index.</summary>
    public IReadOnlyDictionary<long, int> OurCounts => _ourCounts;

    /// <summary>
    /// Whether the server refuses as Binance does: a request that would exceed the limit gets a 429 and adds no
    /// weight, and a request arriving in a window that already served <see cref="BanAfter"/> 429s starts a ban (418).
    /// False: every request is counted, so a test can see by how much a window would overflow.
    /// </summary>
    public bool Enforce { get; init; }

    /// <summary>429s in one window after which the next request in it is banned.</summary>
    public int BanAfter { get; init; } = 3;

    /// <summary>429s served per server window index (when <see cref="Enforce"/>).</summary>
    public IReadOnlyDictionary<long, int> Refusals => _refusals;

    /// <summary>Local instants (ms) at which requests of managed processes were answered 429 (when <see cref="Enforce"/>).</summary>
    public IReadOnlyList<long> TooManyRequestsAt => _our429s;

    /// <summary>Requests answered 418 (when <see cref="Enforce"/>).</summary>
    public int Bans { get; private set; }

    /// <summary>An extra delay, up to this long, before a response is processed: a process starved of CPU reads its responses late.</summary>
    public long MaxReadDelayMs { get; init; }

    /// <summary>
    /// Adds a process whose offset estimate is off by <paramref name="offsetErrorMs"/> (|error| ≤ u/2, or up to half of
    /// <paramref name="sampleRoundTripMs"/>, the round trip of the clock sample it came from), with workers choosing
    /// weights from <paramref name="weights"/>.
    /// </summary>
    public WeightBudget AddProcess(long offsetErrorMs, int workers, int[] weights, long maxThinkMs, long sampleRoundTripMs = 0)
    {
        var budget = new WeightBudget(Options);
        budget.Configure(Rule, TimeSpan.FromMilliseconds(_trueOffsetMs + offsetErrorMs), TimeSpan.FromMilliseconds(sampleRoundTripMs));
        for (var i = 0; i < workers; i++)
            At(_random.NextInt64(0, 1000), () => Attempt(budget, weights, maxThinkMs));
        return budget;
    }

    /// <summary>
    /// A process started at local <paramref name="startMs"/> as <c>candles</c> starts: exchangeInfo (weight 1) under the
    /// bootstrap rule, whose header is kept until the rule it names is adopted, then two clock samples (weight 1 each),
    /// then every worker at once. A start-up request refused with a 429 is sent again, as the client does.
    /// </summary>
    public WeightBudget StartProcess(long startMs, long offsetErrorMs, int workers, int[] weights, long maxThinkMs)
    {
        var budget = new WeightBudget(Options);
        void Sample(int left)
        {
            if (left == 0)
            {
                for (var i = 0; i < workers; i++)
                    Attempt(budget, weights, maxThinkMs);
                return;
            }
            Request(budget, 1, status => Sample(status == 429 ? left : left - 1));
        }
        void ExchangeInfo() => Request(budget, 1, status =>
        {
            if (status == 429)
            {
                ExchangeInfo();
                return;
            }
            budget.Configure(Rule, TimeSpan.FromMilliseconds(_trueOffsetMs + offsetErrorMs));
            Sample(2);
        });
        At(startMs, ExchangeInfo);
        return budget;
    }

    /// <summary>An unmanaged neighbour on the IP spending weight 1 at random instants, at most <paramref name="perWindow"/> per window.</summary>
    public void AddNoise(int perWindow, long meanGapMs)
    {
        if (perWindow <= 0)
            return;
        var spent = new Dictionary<long, int>();
        void Spend()
        {
            var index = ServerWindow(_now);
            if (spent.GetValueOrDefault(index) < perWindow)
            {
                spent[index] = spent.GetValueOrDefault(index) + 1;
                Count(_now, 1);
            }
            At(_now + _random.NextInt64(1, 2 * meanGapMs), Spend);
        }
        At(0, Spend);
    }

    /// <summary>
    /// An unmanaged program spending <paramref name="share"/> of the limit in every server window from
    /// <paramref name="fromMs"/> to <paramref name="untilMs"/>: all at once at the window's start (<paramref name="burst"/>),
    /// or as weight-1 requests evenly through it.
    /// </summary>
    public void AddNeighbour(double share, bool burst, long fromMs = 0, long untilMs = long.MaxValue)
    {
        var perWindow = (int)Math.Round(share * Rule.Limit);
        if (perWindow <= 0)
            return;
        var firstWindow = ServerWindow(fromMs) + 1;
        void Window(long index)
        {
            var startLocal = (index * _windowMs) - _trueOffsetMs;
            if (startLocal >= untilMs)
                return;
            if (burst)
            {
                At(startLocal + 5, () => Count(startLocal + 5, perWindow));
            }
            else
            {
                var gap = (double)_windowMs / perWindow;
                for (var i = 0; i < perWindow; i++)
                {
                    var at = startLocal + (long)((i + 0.5) * gap);
                    At(at, () => Count(at, 1));
                }
            }
            At(startLocal + _windowMs, () => Window(index + 1));
        }
        At((firstWindow * _windowMs) - _trueOffsetMs, () => Window(firstWindow));
    }

    public void RunUntil(long endMs)
    {
        while (_events.TryPeek(out _, out var key) && key.Time <= endMs)
        {
            var action = _events.Dequeue();
            _now = key.Time;
            action();
        }
    }

    /// <summary>The local instant (ms) server window <paramref name="index"/> starts.</summary>
    public long LocalStart(long index) => (index * _windowMs) - _trueOffsetMs;

    public long ServerWindow(long localMs) => (long)Math.Floor((localMs + _trueOffsetMs) / (double)_windowMs);

    private void Attempt(WeightBudget budget, int[] weights, long maxThinkMs) =>
        Request(budget, weights[_random.Next(weights.Length)], _ => At(_now + _random.NextInt64(0, maxThinkMs + 1), () => Attempt(budget, weights, maxThinkMs)));

    /// <summary>
    /// Sends one request of <paramref name="weight"/> once the budget grants it; <paramref name="next"/> runs with the
    /// status when the response has been read (never after a 418: a banned process stops, and the test has failed).
    /// </summary>
    private void Request(WeightBudget budget, int weight, Action<int> next)
    {
        var decision = budget.TryReserve(weight, T0.AddMilliseconds(_now));
        if (!decision.Granted)
        {
            var retryMs = (long)(decision.RetryAt - T0).TotalMilliseconds;
            if (retryMs <= _now)
                throw new InvalidOperationException($"Refused at {_now} ms with RetryAt {retryMs} ms, which is not later.");
            At(retryMs + _random.NextInt64(0, 50), () => Request(budget, weight, next));
            return;
        }

        // One-way delays of at most u/2 and an offset error of at most u/2 keep the server's
        // counting instant within u of the budget's estimate, as the budget assumes.
        var arrival = _now + _random.NextInt64(0, (_uncertaintyMs / 2) + 1);
        At(arrival, () =>
        {
            var (header, status) = Serve(arrival, weight);
            if (status == 418)
                return;
            if (status == 200)
                _ourCounts[ServerWindow(arrival)] = _ourCounts.GetValueOrDefault(ServerWindow(arrival)) + weight;
            else
                _our429s.Add(arrival);
            var received = arrival + _random.NextInt64(0, (_uncertaintyMs / 2) + 1) + (MaxReadDelayMs > 0 ? _random.NextInt64(0, MaxReadDelayMs + 1) : 0);
            At(received, () =>
            {
                budget.Land(decision.Ticket, T0.AddMilliseconds(received), [new UsedWeightHeader(Rule.Window, header)]);
                if (status == 429)
                    budget.OnTooManyRequests(T0.AddMilliseconds(received), retryAfter: null, Rule.Window);
                next(status);
            });
        });
    }

    /// <summary>The server's verdict on a request arriving at local <paramref name="localMs"/>: the used-weight header and the status.</summary>
    private (int Header, int Status) Serve(long localMs, int weight)
    {
        if (!Enforce)
            return (Count(localMs, weight), 200);
        var index = ServerWindow(localMs);
        var used = _serverCounts.GetValueOrDefault(index);
        if (_refusals.GetValueOrDefault(index) >= BanAfter)
        {
            Bans++;
            return (used, 418);
        }
        if (used + weight > Rule.Limit)
        {
            _refusals[index] = _refusals.GetValueOrDefault(index) + 1;
            return (used, 429);
        }
        return (Count(localMs, weight), 200);
    }

    private int Count(long localMs, int weight)
    {
        var index = ServerWindow(localMs);
        var count = _serverCounts.GetValueOrDefault(index) + weight;
        _serverCounts[index] = count;
        return count;
    }

    private void At(long timeMs, Action action) => _events.Enqueue(action, (timeMs, _seq++));
}
