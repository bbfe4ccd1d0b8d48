using System.Runtime.CompilerServices;
using CandleFunctions.Core.Candles;

namespace CandleFunctions.Storage.Azure.Mirror;

/// <summary>Finds the candles of one ascending stream that another ascending stream lacks, reading both once.</summary>
internal static class LocalOnlyCandles
{
    public static async IAsyncEnumerable<Candle> FindAsync(
        IAsyncEnumerable<Candle> local,
        IAsyncEnumerable<Candle> remote,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var other = remote.GetAsyncEnumerator(cancellationToken);
        var more = await other.MoveNextAsync();
        await foreach (var candle in local.WithCancellation(cancellationToken))
        {
            while (more && other.Current.Timestamp < candle.Timestamp)
                more = await other.MoveNextAsync();
            if (!more || other.Current.Timestamp != candle.Timestamp)
                yield return candle;
        }
    }
}
