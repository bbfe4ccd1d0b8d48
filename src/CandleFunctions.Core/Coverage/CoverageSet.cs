using System.Collections.Immutable;
using CandleFunctions.Core.Candles;

namespace CandleFunctions.Core.Coverage;

/// <summary>
/// An immutable set of UTC instants stored as sorted, disjoint, non-adjacent half-open ranges.
/// Used for "what is known complete" (the ledger) and for "what is missing" (the plan).
/// </summary>
public sealed class CoverageSet : IEquatable<CoverageSet>
{
    public static readonly CoverageSet Empty = new(ImmutableArray<UtcRange>.Empty);

    private CoverageSet(ImmutableArray<UtcRange> ranges) => Ranges = ranges;

    /// <summary>Sorted, disjoint and non-adjacent ranges.</summary>
    public ImmutableArray<UtcRange> Ranges { get; }

    public bool IsEmpty => Ranges.IsEmpty;

    /// <summary>Total time covered.</summary>
    public TimeSpan Duration => Ranges.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Duration);

    public static CoverageSet Of(params UtcRange[] ranges) => Of((IEnumerable<UtcRange>)ranges);

    /// <summary>Normalises any ranges (unsorted, overlapping, adjacent) into a set.</summary>
    public static CoverageSet Of(IEnumerable<UtcRange> ranges)
    {
        var sorted = ranges.OrderBy(r => r.Start).ToList();
        if (sorted.Count == 0)
            return Empty;
        var builder = ImmutableArray.CreateBuilder<UtcRange>();
        var current = sorted[0];
        foreach (var next in sorted.Skip(1))
        {
            if (next.Start <= current.End)
            {
                if (next.End > current.End)
                    current = new UtcRange(current.Start, next.End);
            }
            else
            {
                builder.Add(current);
                current = next;
            }
        }
        builder.Add(current);
        return new CoverageSet(builder.ToImmutable());
    }

    public CoverageSet Union(CoverageSet other) => Of(Ranges.Concat(other.Ranges));

    public CoverageSet Union(UtcRange range) => Of(Ranges.Append(range));

    public CoverageSet Intersect(UtcRange window) =>
        new(Ranges.Select(r => r.Intersect(window)).Where(r => r is not null).Select(r => r!.Value).ToImmutableArray());

    public CoverageSet Intersect(CoverageSet other) =>
        Of(other.Ranges.SelectMany(window => Intersect(window).Ranges));

    /// <summary>The parts of this set that <paramref name="other"/> does not cover.</summary>
    public CoverageSet Subtract(CoverageSet other)
    {
        var result = new List<UtcRange>();
        foreach (var range in Ranges)
        {
            var cursor = range.Start;
            foreach (var cut in other.Ranges)
            {
                if (cut.End <= cursor)
                    continue;
                if (cut.Start >= range.End)
                    break;
                if (cut.Start > cursor)
                    result.Add(new UtcRange(cursor, cut.Start));
                if (cut.End > cursor)
                    cursor = cut.End;
                if (cursor >= range.End)
                    break;
            }
            if (cursor < range.End)
                result.Add(new UtcRange(cursor, range.End));
        }
        return new CoverageSet(result.ToImmutableArray());
    }

    public CoverageSet Subtract(UtcRange range) => Subtract(Of(range));

    public bool Contains(DateTimeOffset instant) => Ranges.Any(r => r.Contains(instant));

    /// <summary>True when every instant of <paramref name="range"/> is in the set.</summary>
    public bool Covers(UtcRange range) => Of(range).Subtract(this).IsEmpty;

    public bool Equals(CoverageSet? other) => other is not null && Ranges.SequenceEqual(other.Ranges);

    public override bool Equals(object? obj) => Equals(obj as CoverageSet);

    public override int GetHashCode() => Ranges.Aggregate(0, (h, r) => HashCode.Combine(h, r));

    public override string ToString() => IsEmpty ? "{}" : string.Join(" ∪ ", Ranges);
}
