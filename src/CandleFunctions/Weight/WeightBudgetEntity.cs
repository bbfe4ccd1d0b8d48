using CandleFunctions.Core.RateLimiting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Entities;

namespace CandleFunctions.Weight;

/// <summary>
/// The durable home of the very <see cref="WeightBudget"/> the CLI's governor runs: one implementation, two hosts.
/// Grants weight in bulk for a whole wave, caps weight in flight while another program shares the IP, and reconciles with what activities observed.
/// </summary>
/// <remarks>
/// Entities are not replayed, so reading the clock here is allowed; it comes from the injected <see cref="TimeProvider"/>.
/// A grant is valid only in the server window it was reserved in: it carries <see cref="WeightGrant.SendBy"/> (and, when
/// reserved in the next window, <see cref="WeightGrant.SendFrom"/>), and activities send nothing outside them, so no
/// weight spills into a window it was not counted in.
/// </remarks>
public sealed class WeightBudgetEntity(TimeProvider time, WeightBudgetEntityOptions options) : TaskEntity<WeightBudgetEntityState>
{
    /// <summary>The entity's function name.</summary>
    public const string Name = "WeightBudget";

    // Plans that reported before any Configure (runs started together on a fresh entity); older ones are dropped.
    private const int MaxEarlyHeaders = 16;

    /// <summary>The one entity instance shared by every orchestration (one budget per IP).</summary>
    public static EntityInstanceId Id { get; } = new(Name, "binance");

    /// <summary>The function that hosts the entity.</summary>
    [Function(Name)]
    public static Task DispatchAsync([EntityTrigger] TaskEntityDispatcher dispatcher) =>
        dispatcher.DispatchAsync<WeightBudgetEntity>();

    /// <summary>Adopts the exchange's rule and server clock offset.</summary>
    public void Configure(BudgetConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var budget = Load();
        budget.Configure(configuration.Rule, configuration.ServerOffset);
        // The plan's own requests are in its header. The budget carries what our grants sent before the rule was known
        // into the new windows (see WeightBudget.Configure), so the header is observed whole and only what lies beyond
        // ours counts as another program's; read less our weight again, a neighbour would look smaller than it is.
        foreach (var early in State.Early.Where(e => (e.Window ?? budget.Rule.Window) == budget.Rule.Window))
            budget.Observe(early.Used, early.At);
        Save(budget, State.Grants, early: []);
    }

    /// <summary>
    /// Grants a wave's weight at once (the most that fits, when the ask allows less), or says when to ask again. Near a
    /// window's end, an ask that can wait (<see cref="GrantRequest.CanWait"/>) is granted in the next window instead.
    /// </summary>
    public WeightGrant Acquire(GrantRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        var grants = Live(now);
        if (grants.Find(g => g.GrantId == request.GrantId) is { } issued)
            return new WeightGrant(issued.GrantId, true, issued.Weight, issued.ReservedAt, issued.SendBy, issued.SendFrom);
        var least = request.MinWeight ?? request.Weight;
        if (least < 1 || least > request.Weight || least > options.MaxInFlightWeight)
        {
            throw new ArgumentOutOfRangeException(
                nameof(request), least, $"A grant's least weight must be between 1 and both its weight and MaxInFlightWeight ({options.MaxInFlightWeight}).");
        }

        var budget = Load();
        // A wave the window can never hold (a tiny limit, or a small MaxWeightShare) would be refused for ever.
        if (budget.IsConfigured && least > budget.Usable)
        {
            throw new ArgumentOutOfRangeException(
                nameof(request), least, $"A grant's least weight {least} is more than a window's usable budget ({budget.Usable}); lower the wave's least weight or raise MaxWeightShare.");
        }
        var window = budget.Snapshot(now);
        var sendBy = window.WindowEnd - options.Budget.ClockUncertainty;
        var most = Math.Min(request.Weight, budget.Usable);
        // Another program on the IP: a header read with our requests in flight may hide up to that much of its weight, so
        // weight in flight is capped. Alone, the window's budget is the only bound (every grant is reserved in its window
        // before it is given); a newcomer shows in the headers of requests sent after ours have landed, at the latest by
        // the end of the window it started in, and until then the safety margin and the 429 pause protect the IP.
        if (budget.SeesAnotherProgram)
            most = Math.Min(most, options.MaxInFlightWeight - grants.Where(g => g.Open).Sum(g => g.Weight));
        if (window.PausedUntil is { } paused)
            return Refuse(budget, grants, request, paused);
        if (most < least)
            return Refuse(budget, grants, request, now + options.InFlightRetry);

        DateTimeOffset retryAt;
        var awaitsLanding = false;
        if (sendBy - now >= options.MinSendTime)
        {
            var (weight, decision) = Reserve(most, least, w => budget.TryReserve(w, now));
            if (decision.Granted)
                return Grant(budget, grants, request, weight, decision.Ticket, now, null, sendBy);
            awaitsLanding = decision.AwaitsLanding;
            // Held until a grant in flight lands: its report comes when the activity ends, so ask again as for the entity's own cap.
            retryAt = awaitsLanding && decision.RetryAt < now + options.InFlightRetry ? now + options.InFlightRetry : decision.RetryAt;
        }
        else
            retryAt = window.WindowEnd + options.Budget.ClockUncertainty;

        // Work ready when the next window opens: its activities are scheduled now and wait for it on their own clock,
        // so the window's start is not spent on timers, entity calls and scheduling. The weight counts in that window.
        if (request.CanWait && options.ReserveAhead > TimeSpan.Zero && !awaitsLanding && !budget.SeesAnotherProgram)
        {
            var nearEnd = window.WindowEnd - options.ReserveAhead;
            if (now >= nearEnd)
            {
                var (weight, decision) = Reserve(most, least, w => budget.TryReserveNext(w, now));
                if (decision.Granted)
                {
                    var (sendFrom, nextSendBy) = budget.NextWindow(now);
                    return Grant(budget, grants, request, weight, decision.Ticket, now, sendFrom, nextSendBy);
                }
            }
            else if (retryAt > nearEnd)
                retryAt = nearEnd; // ask again when the next window can be reserved
        }
        return Refuse(budget, grants, request, retryAt);
    }

    /// <summary>The largest weight from <paramref name="most"/> down in steps of <paramref name="least"/> that <paramref name="reserve"/> grants; else the refusal of the least.</summary>
    private static (int Weight, WeightDecision Decision) Reserve(int most, int least, Func<int, WeightDecision> reserve)
    {
        // Fitting is monotonic in the weight, so the first size that fits, going down, is the largest.
        var decision = default(WeightDecision);
        var weight = most;
        for (; weight >= least; weight -= least)
        {
            decision = reserve(weight);
            if (decision.Granted)
                return (weight, decision);
        }
        return (0, decision);
    }

    private WeightGrant Grant(
        WeightBudget budget, List<IssuedGrant> grants, GrantRequest request, int weight, long ticket, DateTimeOffset now, DateTimeOffset? sendFrom, DateTimeOffset sendBy)
    {
        grants.Add(new IssuedGrant(request.GrantId, weight, now, sendBy, Open: true, ticket) { SendFrom = sendFrom });
        Save(budget, grants);
        return new WeightGrant(request.GrantId, true, weight, now, sendBy, sendFrom);
    }

    private WeightGrant Refuse(WeightBudget budget, List<IssuedGrant> grants, GrantRequest request, DateTimeOffset retryAt)
    {
        Save(budget, grants);
        return new WeightGrant(request.GrantId, false, 0, retryAt, retryAt);
    }

    /// <summary>Closes a grant: refunds unsent weight once, and feeds the governor the headers, 429s and 418s observed.</summary>
    public void Report(WeightReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var now = time.GetUtcNow();
        var budget = Load();
        var grants = Live(now);
        var at = grants.FindIndex(g => g.GrantId == report.GrantId);
        if (at >= 0 && grants[at].Open)
        {
            // Feedback is applied once per grant, so a duplicated report cannot count a 429 twice.
            var grant = grants[at];
            grants[at] = grant with { Open = false };
            if (report.UnsentWeight > 0)
                budget.Refund(grant.Ticket, Math.Min(report.UnsentWeight, grant.Weight));
            // What was sent has landed; the first header is matched to this grant, so the requests other grants
            // sent before it count as ours and only the rest of the header as another program's.
            var first = report.Feedback.FirstOrDefault(f => f.UsedWeight is not null);
            var early = State.Early;
            if (!budget.IsConfigured && first?.UsedWeight is { } seen)
            {
                // Before the rule is known the header cannot be matched to this grant's requests: kept for Configure.
                early = [.. early.TakeLast(MaxEarlyHeaders - 1), new EarlyHeader(seen, first.UsedWeightAt ?? now, first.UsedWeightWindow)];
                budget.Land(grant.Ticket, first.UsedWeightAt ?? now, []);
            }
            else
            {
                UsedWeightHeader[] headers = first?.UsedWeight is { } used
                    ? [new UsedWeightHeader(first.UsedWeightWindow ?? budget.Rule.Window, used)]
                    : [];
                budget = Land(budget, grant.Ticket, first?.UsedWeightAt ?? now, headers);
            }
            foreach (var feedback in report.Feedback)
                Apply(budget, ReferenceEquals(feedback, first) ? feedback with { UsedWeight = null } : feedback, now);
            Save(budget, grants, early);
            return;
        }
        Save(budget, grants);
    }

    /// <summary>A copy of the governor's state, for status pages and tests.</summary>
    public WeightBudgetState Inspect() => State.Budget;

    /// <inheritdoc />
    protected override WeightBudgetEntityState InitializeState(TaskEntityOperation entityOperation) =>
        new(new WeightBudget(options.Budget).State, []);

    private static void Apply(WeightBudget budget, ExchangeFeedback feedback, DateTimeOffset now)
    {
        if (feedback.UsedWeight is { } used && (feedback.UsedWeightWindow ?? budget.Rule.Window) == budget.Rule.Window)
            budget.Observe(used, feedback.UsedWeightAt ?? now);
        if (feedback.TooManyRequestsAt is { } limitedAt)
            budget.OnTooManyRequests(limitedAt, feedback.RetryAfter);
        if (feedback.BannedUntil is { } until)
            budget.OnBanned(now, until);
    }

    /// <summary>
    /// Lands a grant with its first header. Alone on the IP, many grants are open at once and the header may already count
    /// requests of grants newer than this one, which the precise reading would take for another program's weight (and
    /// then cap and pace us for nothing): so the header is first read as if every open grant had been counted, and only
    /// if even then it shows foreign weight is it read the precise way. Either reading counts what surely is foreign.
    /// </summary>
    private WeightBudget Land(WeightBudget budget, long ticket, DateTimeOffset at, UsedWeightHeader[] headers)
    {
        if (headers.Length == 1 && budget.IsConfigured && headers[0].Window == budget.Rule.Window && !budget.SeesAnotherProgram)
        {
            var lenient = WeightBudget.FromState(budget.State, options.Budget);
            lenient.Land(ticket, at, []);
            lenient.Observe(headers[0].Used, at);
            if (!lenient.SeesAnotherProgram)
                return lenient;
        }
        budget.Land(ticket, at, headers);
        return budget;
    }

    /// <summary>Grants still worth remembering: until their send deadline plus the in-flight grace has passed.</summary>
    private List<IssuedGrant> Live(DateTimeOffset now) =>
        State.Grants.Where(g => g.SendBy + options.InFlightGrace > now).ToList();

    private WeightBudget Load() => WeightBudget.FromState(State.Budget, options.Budget);

    private void Save(WeightBudget budget, IReadOnlyList<IssuedGrant> grants, IReadOnlyList<EarlyHeader>? early = null) =>
        State = new WeightBudgetEntityState(budget.State, grants) { Early = early ?? State.Early };
}
