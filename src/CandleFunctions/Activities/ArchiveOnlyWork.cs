using CandleFunctions.Core.Candles;

namespace CandleFunctions.Activities;

/// <summary>A symbol exchangeInfo no longer lists, for one run: plan its history from the public archive alone.</summary>
public sealed record ArchiveOnlyWork(string InstanceId, string Symbol, UtcRange Requested);
