namespace BinanceSimulator.Archive;

/// <summary>One 1m klines zip of the USDⓈ-M archive, named by symbol and period; knows its S3 keys.</summary>
public sealed record ArchiveFile(string Symbol, ArchivePeriod Period)
{
    /// <summary>Bucket folder holding the files of one symbol and kind, with a trailing slash.</summary>
    public static string Directory(ArchivePeriodKind kind, string symbol) =>
        $"data/futures/um/{ArchivePeriod.SegmentOf(kind)}/klines/{symbol}/1m/";

    /// <summary>File name without extension, e.g. <c>BTCUSDT-1m-2021-01</c>.</summary>
    public string BaseName => $"{Symbol}-1m-{Period.Label}";

    public string ZipName => BaseName + ".zip";

    /// <summary>Name of the single CSV inside the zip.</summary>
    public string CsvName => BaseName + ".csv";

    public string ChecksumName => ZipName + ".CHECKSUM";

    public string ZipKey => Directory(Period.Kind, Symbol) + ZipName;

    public string ChecksumKey => ZipKey + ".CHECKSUM";

    /// <summary>
    /// Reads a bucket key such as <c>data/futures/um/monthly/klines/BTCUSDT/1m/BTCUSDT-1m-2021-01.zip</c>
    /// (or its <c>.CHECKSUM</c>); false for anything else, including a period of the wrong kind.
    /// </summary>
    public static bool TryParseKey(string key, out ArchiveFile file, out bool isChecksum)
    {
        file = null!;
        isChecksum = key.EndsWith(".CHECKSUM", StringComparison.Ordinal);
        var parts = key.Split('/');
        if (parts is not ["data", "futures", "um", var kindSegment, "klines", var symbol, "1m", var name] || symbol.Length == 0)
            return false;
        ArchivePeriodKind kind;
        if (kindSegment == "daily")
            kind = ArchivePeriodKind.Daily;
        else if (kindSegment == "monthly")
            kind = ArchivePeriodKind.Monthly;
        else
            return false;
        var suffix = isChecksum ? ".zip.CHECKSUM" : ".zip";
        var head = symbol + "-1m-";
        if (!name.StartsWith(head, StringComparison.Ordinal) || !name.EndsWith(suffix, StringComparison.Ordinal))
            return false;
        var label = name[head.Length..^suffix.Length];
        if (!ArchivePeriod.TryParse(label, out var period) || period.Kind != kind)
            return false;
        file = new ArchiveFile(symbol, period);
        return true;
    }
}
