namespace CandleFunctions.Core.Symbols;

/// <summary>The fields of one exchangeInfo symbol that decide whether and over what span it can be synced.</summary>
public sealed record ExchangeSymbol(
    string Symbol,
    string Pair,
    string ContractType,
    string Status,
    string QuoteAsset,
    string MarginAsset,
    DateTimeOffset OnboardDate,
    DateTimeOffset DeliveryDate);
