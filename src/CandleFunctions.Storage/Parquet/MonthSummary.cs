namespace CandleFunctions.Storage.Parquet;

/// <summary>What one month file holds, without its values.</summary>
/// <param name="Rows">Number of rows.</param>
/// <param name="First">Open time of the first row, if any.</param>
/// <param name="Last">Open time of the last row, if any.</param>
public sealed record MonthSummary(long Rows, DateTimeOffset? First, DateTimeOffset? Last);
