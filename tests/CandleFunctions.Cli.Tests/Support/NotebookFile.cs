using System.Globalization;
using System.Text;

namespace CandleFunctions.Cli.Tests.Support;

/// <summary>
/// Writes a <c>SYMBOL.csv</c> the way the old notebook did: <c>datetime.fromtimestamp</c> (the machine's local time),
/// one block per notebook run ending with the minute that was still open (partial close and volume), batches of 1,000
/// fetched from the last open time inclusive (so each batch boundary repeats a minute), failed batches turned into
/// silent holes, and pandas' float64 text (<c>86496.9</c> for <c>86496.90</c>).
/// </summary>
public sealed class NotebookFile
{
    /// <summary>The machine's zone; null writes UTC.</summary>
    public TimeZoneInfo? Zone { get; init; }

    /// <summary>Where each notebook run stopped (UTC, exclusive): the row before is stored as the still-open candle.</summary>
    public IReadOnlyList<DateTimeOffset> RunEnds { get; init; } = [];

    /// <summary>Minutes lost to failed requests: written nowhere.</summary>
    public IReadOnlyList<CandleFunctions.Core.Candles.UtcRange> Holes { get; init; } = [];

    /// <summary>Rows per request; the first row of every later batch repeats the last of the one before.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>The exchange's candles as the notebook stored them; <paramref name="truth"/> is ascending UTC.</summary>
    public IReadOnlyList<StoredRow> Rows(IReadOnlyList<StoredRow> truth)
    {
        var rows = new List<StoredRow>();
        var run = new List<StoredRow>();
        var ends = RunEnds.Order().ToList();
        foreach (var row in truth)
        {
            while (ends.Count > 0 && row.Timestamp >= ends[0])
            {
                Flush(run, rows);
                ends.RemoveAt(0);
            }
            run.Add(row);
        }
        Flush(run, rows);
        return rows;
    }

    /// <summary>Writes <paramref name="truth"/> as the notebook would have.</summary>
    public void Write(string path, IReadOnlyList<StoredRow> truth)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = new StringBuilder("timestamp,open,high,low,close,volume\n");
        foreach (var r in Rows(truth))
            text.Append(CultureInfo.InvariantCulture, $"{Local(r.Timestamp)},{Float(r.Open)},{Float(r.High)},{Float(r.Low)},{Float(r.Close)},{Float(r.Volume)}\n");
        File.WriteAllText(path, text.ToString());
    }

    /// <summary>The still-open minute as the notebook saw it: the close not reached yet, part of the volume.</summary>
    public static StoredRow Open(StoredRow closed)
    {
        var close = closed.Open;
        return closed with
        {
            Close = close,
            High = Math.Max(closed.Open, close),
            Low = Math.Min(closed.Open, close),
            Volume = Math.Round(closed.Volume * 0.9m, 3),
        };
    }

    private void Flush(List<StoredRow> run, List<StoredRow> rows)
    {
        if (run.Count == 0)
            return;
        run[^1] = Open(run[^1]);
        for (var i = 0; i < run.Count; i++)
        {
            var row = run[i];
            if (!Holes.Any(h => h.Contains(row.Timestamp)))
            {
                rows.Add(row);
                if ((i + 1) % BatchSize == 0 && i < run.Count - 1)
                    rows.Add(row);
            }
        }
        run.Clear();
    }

    private string Local(DateTimeOffset utc)
    {
        var local = Zone is null ? utc.UtcDateTime : TimeZoneInfo.ConvertTimeFromUtc(utc.UtcDateTime, Zone);
        return local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }

    private static string Float(decimal value) => ((double)value).ToString("R", CultureInfo.InvariantCulture).ToLowerInvariant();
}
