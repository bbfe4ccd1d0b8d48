namespace CandleFunctions.Storage.Parquet;

/// <summary>
/// A value float64 cannot hold exactly (more than 15 significant digits), so writing it to Parquet would change it.
/// The month file is left as it was and the commit fails; nothing is stored approximately.
/// </summary>
public sealed class InexactValueException(string symbol, DateTimeOffset openTime, string column, decimal value)
    : IOException($"{symbol} {openTime:yyyy-MM-dd HH:mm} {column} {value} has more than 15 significant digits; float64 in Parquet cannot hold it exactly, so it was not written.")
{
    /// <summary>The column whose value was refused.</summary>
    public string Column { get; } = column;

    /// <summary>The refused value.</summary>
    public decimal Value { get; } = value;
}
