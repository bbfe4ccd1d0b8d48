using CandleFunctions.Core.Candles;

namespace CandleFunctions.Activities;

/// <summary>A fetched page parked in staging: its name, the minutes it covers, and how many candles it holds.</summary>
public sealed record StagedPage(string Name, UtcRange Range, int Candles);
